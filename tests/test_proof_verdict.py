"""The fourth word on a verdict: all_sizes and the proof, through check(), the CLI, the export and a kernel bug."""

import json

import pytest

import matrixcalc.verify as verify
from matrixcalc.cli import main
from matrixcalc.doccheck.outcome import Outcome
from matrixcalc.proof import Proof
from matrixcalc.verdict import KernelError
from matrixcalc.verify import check

TRUE = ("d(tr(A @ X @ B), X) == A.T @ B.T", "A: p x m; X: m x n; B: n x p")
WRONG = ("d(tr(X.T @ B @ X), X) == 2 * B @ X", "X: m x n; B: m x m")
TWO_BY_TWO = ("d(det(X), X) == tr(X) * I(2) - X.T", "X: 2 x 2")


def test_a_proved_identity_says_so():
    verdict = check(*TRUE)
    assert verdict.status == "verified"
    assert verdict.all_sizes
    link = verdict.proof["links"][0]
    assert "identify-gradient" in link["left"]
    assert link["normal_form"] == "A.T @ B.T"
    assert verdict.to_dict()["all_sizes"] is True
    assert "proved for every size" in verdict.summary()


def test_verified_at_sizes_only_says_why_not():
    verdict = check(*TWO_BY_TWO)
    assert verdict.status == "verified"
    assert not verdict.all_sizes
    assert verdict.proof["reason"].startswith("no common normal form")
    assert "no proof for every size" in verdict.proof_summary()


def test_a_refuted_identity_has_no_proof():
    verdict = check(*WRONG)
    assert verdict.status == "refuted"
    assert not verdict.all_sizes


def test_cli_json_and_text_carry_the_proof(capsys):
    assert main(["check", TRUE[0], "--where", TRUE[1], "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["all_sizes"] is True
    assert data["proof"]["links"][0]["normal_form"] == "A.T @ B.T"
    assert main(["check", TRUE[0], "--where", TRUE[1]]) == 0
    assert "proof:     proved for every size by rules:" in capsys.readouterr().out


def test_export_carries_the_proof():
    verdict = check(*TRUE)
    exported = Outcome(verdict.status, True, verdict.to_dict()).to_export()
    assert exported["all_sizes"] is True
    assert exported["proof"]["links"]


def test_a_proof_the_numbers_refute_is_a_kernel_error(monkeypatch):
    """A kernel bug (simulated: a 'proof' of a wrong identity) must not pass quietly: it names the rules."""
    bogus = Proof(
        True, [{"left": ["identify-gradient", "d-trace"], "right": ["symmetric-transpose"], "normal_form": "x"}]
    )
    monkeypatch.setattr(verify, "prove", lambda parsed: bogus)
    with pytest.raises(KernelError, match="identify-gradient > d-trace"):
        check(*WRONG)


def test_badge_links_to_the_proof_in_the_evidence():
    from matrixcalc.sphinxext import render

    verdict = check(*TRUE)
    display = render.Display(
        "t", "identity-t", "T", TRUE[0], TRUE[1], "index", Outcome(verdict.status, True, verdict.to_dict())
    )
    assert render.badge(display.outcome)[0] == "proved for every size"
    header = render.header_part(display)
    assert any(ref.get("refid") == "identity-t-proof" for ref in header.findall(lambda n: n.tagname == "reference"))
    evidence = render.evidence_part(display)[0]
    assert any("identity-t-proof" in item["ids"] for item in evidence.findall(lambda n: n.tagname == "list_item"))
