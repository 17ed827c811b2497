"""Never crashes: random well-typed identities through every interpreter, random text through the parser."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from matrixcalc.errors import IdentityError
from matrixcalc.language import parse_identity
from matrixcalc.latex import latex
from matrixcalc.verify import check

WHERE = "A: m x n; B: n x m; C: m x m; X: n x n invertible; Y: n x n; S: n x n spd; x: n; y: m; s: scalar; t: scalar"
SYMBOLS = {
    ("n", "n"): ["X", "Y", "S"],
    ("m", "n"): ["A"],
    ("n", "m"): ["B"],
    ("m", "m"): ["C"],
    ("n", "1"): ["x"],
    ("m", "1"): ["y"],
    ("1", "1"): ["s", "t"],
}
SIZES = ("m", "n", "1")
SCALAR = ("1", "1")
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _leaves(shape):
    r, c = shape
    out = list(SYMBOLS.get(shape, [])) + [f"{name}.T" for name in SYMBOLS.get((c, r), []) if r != c]
    if shape == SCALAR:
        out += ["2", "0.5", "exp(s)"]
    elif r == c:
        out.append(f"I({r})")
    out.append(f"ones({r}, {c})")
    return out


@st.composite
def expressions(draw, shape, depth, derivatives=True):
    """Text of a random expression of ``shape`` (a pair of 'm', 'n', '1'), well typed by construction."""
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(_leaves(shape)))
    r, c = shape
    sub = depth - 1

    def e(s, allow=derivatives):
        return draw(expressions(s, sub, allow))

    rules = [
        lambda: f"({e(shape)} + {e(shape)})",
        lambda: f"({e(shape)} - {e(shape)})",
        lambda: f"(-{e(shape)})",
        lambda: f"({e(SCALAR)} * {e(shape)})",
        lambda: f"({e(shape)} / (1 + ({e(SCALAR)}) ** 2))",
        lambda: (lambda k: f"({e((r, k))} @ {e((k, c))})")(draw(st.sampled_from(SIZES))),
        lambda: f"({e((c, r))}).T",
        lambda: f"hadamard({e(shape)}, {e(shape)})",
    ]
    if r == c and shape != SCALAR:
        rules += [lambda: f"({e(shape)}) ** 2", lambda: f"diagm({e((r, '1'))})"]
        if r == "n":
            rules += [lambda: "inv(X)", lambda: "X ** -2"]
    if shape == SCALAR:
        rules += [
            lambda: (lambda k: f"tr({e((k, k))})")(draw(st.sampled_from(SIZES))),
            lambda: "det(X)",
            lambda: "logdet(S)",
            lambda: (lambda s: f"frob({e(s)}, {e(s)})")(draw(st.sampled_from(list(SYMBOLS)))),
            lambda: f"sum({e(draw(st.sampled_from(list(SYMBOLS))))})",
            lambda: f"norm({e(draw(st.sampled_from(list(SYMBOLS))))}) ** 2",
            lambda: f"sum(kron({e(draw(st.sampled_from(list(SYMBOLS))))}, {e(draw(st.sampled_from(list(SYMBOLS))))}))",
            lambda: (lambda s: f"(vec({e(s)}).T @ vec({e(s)}))")(draw(st.sampled_from(list(SYMBOLS)))),
            lambda: f"sqrt(1 + ({e(SCALAR)}) ** 2)",
            lambda: f"log(1 + ({e(SCALAR)}) ** 2)",
            lambda: f"({e(SCALAR)}) ** 3",
        ]
    if c == "1" and r != "1":
        rules += [lambda: f"diag({e((r, r))})", lambda: f"vec({e(shape)})"]
    if derivatives:
        rules += [
            lambda: f"d({e(shape, False)}, t)",
            lambda: f"differential({e(shape, False)}, X, Y)",
        ]
        for name, (vr, vc) in (("X", ("n", "n")), ("A", ("m", "n")), ("B", ("n", "m")), ("x", ("n", "1"))):
            if shape == (vr, vc):
                rules.append(lambda name=name: f"d({e(SCALAR, False)}, {name})")
        if shape == ("n", "n"):
            rules += [
                lambda: f"dsym({e(SCALAR, False)}, Y)",
                lambda: f"hess({e(SCALAR, False)}, x)",
                lambda: f"jac({e(('n', '1'), False)}, x)",
            ]
    return draw(st.sampled_from(rules))()


shapes = st.sampled_from([SCALAR, ("n", "n"), ("m", "n"), ("n", "1"), ("1", "m"), ("m", "m")])
typed = shapes.flatmap(lambda s: st.tuples(st.just(s), expressions(s, 3)))


def _perturbation(shape):
    r, c = shape
    return "1" if shape == SCALAR else f"ones({r}, {c})"


@settings(FAST, max_examples=25)
@given(typed)
def test_self_identity_never_refuted(case):
    shape, text = case
    identity = f"{text} == {text}"
    parsed = parse_identity(identity, WHERE)
    left, right = parsed.sides
    assert left == right  # the same text gives the same tree (positions aside)
    assert tuple(str(dim) for dim in left.shape) == shape  # typed as the generator built it
    assert isinstance(latex(identity, WHERE), str)
    try:
        verdict = check(identity, WHERE, timeout=1.5)
    except IdentityError as exc:  # a side undefined at every point tried
        assert "undefined" in exc.message
        return
    assert verdict.status in ("verified", "numeric-only"), verdict.counterexample


@settings(FAST, max_examples=30)
@given(typed)
def test_perturbed_identity_refuted(case):
    shape, text = case
    identity = f"{text} == {text} + {_perturbation(shape)}"
    try:
        verdict = check(identity, WHERE, timeout=1.5)
    except IdentityError as exc:
        assert "undefined" in exc.message
        return
    assert verdict.status == "refuted"
    assert verdict.counterexample is not None


def _parse_or_identity_error(text, where):
    try:
        parse_identity(text, where)
    except IdentityError as exc:
        assert isinstance(exc.message, str) and exc.message
        assert exc.column is None or 0 <= exc.column <= len(text if exc.part == "identity" else where)
        return False
    return True


@settings(FAST, max_examples=300)
@given(st.text(max_size=80), st.sampled_from([WHERE, "", "X: n x n"]))
@example("s == 0x10 * s", WHERE)
@example("s == 0o17 * s", WHERE)
@example("s == 0b1 * s", WHERE)
def test_random_text_only_identity_errors(text, where):
    _parse_or_identity_error(text, where)


@settings(FAST, max_examples=200)
@given(st.text(max_size=60))
def test_random_where_only_identity_errors(where):
    _parse_or_identity_error("X == X", where)


TOKENS = [
    "X",
    "Y",
    "A",
    "B",
    "x",
    "s",
    "n",
    "m",
    "I",
    "ones",
    "zeros",
    "tr",
    "det",
    "inv",
    "logdet",
    "kron",
    "vec",
    "hadamard",
    "frob",
    "norm",
    "sum",
    "diag",
    "diagm",
    "d",
    "jac",
    "hess",
    "dsym",
    "differential",
    "log",
    "exp",
    "sqrt",
    "softplus",
    "softmax",
    "logsumexp",
    "(",
    ")",
    ",",
    "@",
    "*",
    "/",
    "+",
    "-",
    "**",
    ".T",
    ".shape",
    "==",
    "=",
    "[",
    "]",
    "0",
    "1",
    "2",
    "-1",
    "0.5",
    "1e999",
    "0x1",
    "13",
    "'",
    ":",
    "lambda",
    "if",
    "else",
    "not",
    "\n",
    ";",
    "1j",
    "_",
    "__class__",
]


@settings(FAST, max_examples=400)
@given(st.lists(st.sampled_from(TOKENS), max_size=25), st.sampled_from(["", " "]))
def test_token_soup_only_identity_errors(tokens, sep):
    text = sep.join(tokens)
    if _parse_or_identity_error(text, WHERE):
        assert isinstance(latex(text, WHERE), str)


AWKWARD_BUT_LEGAL = [
    "X == X.T.T",
    "X.T.T.T.T == X",
    "--X == +X",
    "10 ** 12 * s == s * 10 ** 12",
    "(1 / 10 ** 6) ** 2 * s == s / 10 ** 12",
    "s ** 100 == (s ** 50) ** 2",
    "inv(inv(X)) == X",
]

AWKWARD_AND_REJECTED = [  # constants beyond 1e12 in magnitude are outside the language, by design
    "(10 ** 12) ** 100 * s == s * (10 ** 12) ** 100",
    "10 ** 30 * s == s * 10 ** 30",
    "2 ** 40 * s == s * 1099511627776",
]


@pytest.mark.parametrize("identity", AWKWARD_BUT_LEGAL)
def test_awkward_but_legal_inputs_verify(identity):
    """A legal input must come out verified: a wrong rejection or a crash fails the test."""
    assert check(identity, WHERE, timeout=10).status == "verified"


@pytest.mark.parametrize("identity", AWKWARD_AND_REJECTED)
def test_awkward_constants_are_rejected_with_the_reason(identity):
    with pytest.raises(IdentityError, match="constant numbers must lie within 1e-12 and 1e12"):
        check(identity, WHERE, timeout=2)
