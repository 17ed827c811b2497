"""Stress: the whole true table under many seeds, with no false alarm (run with ``-m slow``)."""

import pytest
from tables import TRUE

from matrixcalc.verify import check

SEEDS = range(50)


@pytest.mark.slow
@pytest.mark.parametrize("identity, where", [row[1:3] for row in TRUE], ids=[row[0] for row in TRUE])
def test_true_table_many_seeds(identity, where):
    for seed in SEEDS:
        verdict = check(identity, where, seed=seed)
        assert verdict.status == "verified", (seed, verdict.status, verdict.counterexample, verdict.symbolic)
