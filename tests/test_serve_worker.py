"""A serve worker's memory cap: past it, allocation fails in the worker (answered 422), not the machine."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("starlette", reason="needs the serve extra: pip install 'matrixcalc[serve]'")

ALLOCATE = """
import numpy
from matrixcalc.serve.worker import cap_memory
from matrixcalc.serve.tasks import run
numpy.ones(10**8 // 8)  # 100 MB: fine before and after the cap
cap_memory({megabytes})
numpy.ones(10**8 // 8)
try:
    numpy.ones(10**9 // 8)  # 1 GB
except MemoryError:
    print("MemoryError")
"""


def test_the_cap_stops_a_large_allocation():
    done = subprocess.run([sys.executable, "-c", ALLOCATE.format(megabytes=700)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "MemoryError"


def test_without_a_cap_the_same_allocation_succeeds():
    done = subprocess.run([sys.executable, "-c", ALLOCATE.format(megabytes=0)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_memory_error_in_a_task_is_422_without_a_traceback(monkeypatch):
    from matrixcalc.serve import tasks

    def exhausted(fields, timeout):
        raise MemoryError

    monkeypatch.setitem(tasks.TASKS, "diff", exhausted)
    status, body = tasks.run("diff", {"expression": "x"}, 1.0)
    assert status == 422
    assert body["status"] == "memory-limit"
