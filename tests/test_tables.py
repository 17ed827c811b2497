"""The tables of tests/tables, checked end to end through ``matrixcalc.verify.check``."""

import pytest
from tables import MALFORMED, TRUE, WRONG

from matrixcalc.errors import IdentityError
from matrixcalc.verify import check


def test_tables_are_big_and_unique():
    assert len(TRUE) >= 90
    assert len(WRONG) >= 220
    assert len(MALFORMED) >= 45
    for table in (TRUE, WRONG):
        ids = [row[0] for row in table]
        assert len(ids) == len(set(ids))


@pytest.mark.parametrize("identity, where", [row[1:3] for row in TRUE], ids=[row[0] for row in TRUE])
def test_true_identity_verifies(identity, where):
    verdict = check(identity, where)
    if verdict.status == "numeric-only":
        pytest.fail(f"numeric-only is not a pass: {verdict.symbolic.reason if verdict.symbolic else 'no reason'}")
    assert verdict.status == "verified", verdict.counterexample


@pytest.mark.parametrize("identity, where", [row[1:3] for row in WRONG], ids=[row[0] for row in WRONG])
def test_wrong_identity_is_refuted(identity, where):
    verdict = check(identity, where)
    assert verdict.status == "refuted", verdict.summary()
    ce = verdict.counterexample
    assert ce is not None
    assert 0 <= ce.link < identity.count("==")
    assert set(ce.values) <= {w.split(":")[0].strip() for w in where.split(";")}
    assert ce.values
    assert isinstance(ce.sizes, dict)
    assert ce.left is not None and ce.right is not None and ce.difference is not None
    assert ce.left != ce.right


@pytest.mark.parametrize(
    "identity, where, fragment, column", MALFORMED, ids=[f"{i}:{row[2][:30]}" for i, row in enumerate(MALFORMED)]
)
def test_malformed_is_rejected(identity, where, fragment, column):
    """How fast a rejection is, is measured in benchmarks/limits.py, not asserted under xdist."""
    with pytest.raises(IdentityError) as info:
        check(identity, where)
    assert fragment in info.value.message
    if column is not None:
        assert info.value.column == column
