"""The heavy lane's budget: at most a share of the niced workers' time over a sliding window."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette", reason="needs the serve extra: pip install 'matrixcalc[serve]'")

from matrixcalc.serve.pool import Budget  # noqa: E402


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_budget_allows_its_share_then_refuses_until_the_window_moves_on():
    clock = Clock()
    budget = Budget(1, share=0.5, window=10.0, clock=clock)  # 5 worker-seconds in any 10 s
    assert budget.allows(clock.now)
    with budget.running():
        clock.now = 4.0
        assert budget.spent(clock.now) == 4.0
        assert budget.allows(clock.now)
        clock.now = 6.0
        assert not budget.allows(clock.now)  # a running task counts while it runs
    assert budget.spent(6.0) == 6.0
    assert budget.wait(6.0) == 2
    assert not budget.allows(10.0)  # the window 0..10 still holds 6 s
    assert budget.spent(12.0) == 4.0  # 2..6 of the task lies inside 2..12
    assert budget.allows(12.0)
    assert budget.spent(17.0) == 0.0


def test_two_niced_workers_have_twice_the_allowance():
    clock = Clock()
    budget = Budget(2, share=0.5, window=10.0, clock=clock)
    with budget.running(), budget.running():
        clock.now = 4.0
        assert budget.spent(clock.now) == 8.0
        assert budget.allows(clock.now)
        clock.now = 5.0
        assert not budget.allows(clock.now)
