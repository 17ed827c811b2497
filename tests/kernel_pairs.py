"""Random well-typed expressions for the proof kernel's property tests, and the property they check.

Both property files draw expressions from a table of leaves by shape (sizes ``m``, ``n`` and ``1``)
combined by products, sums, transposes and scalar multiples; what a proved pair must satisfy is the
same in both: the numbers agree.
"""

from hypothesis import strategies as st

from matrixcalc.errors import IdentityError
from matrixcalc.language import parse_identity
from matrixcalc.numeric import check_numeric
from matrixcalc.proof import prove

SIZES = ("m", "n", "1")
BASIC = ("matmul", "add", "transpose", "scale")


def expressions(leaves: dict, extra=None):
    """A strategy ``expression(shape, depth=3)`` over ``leaves``; ``extra(draw, kind, shape, sub)`` may build
    further kinds (it returns None to fall back to a scalar multiple)."""
    kinds = BASIC + (tuple(extra.kinds) if extra is not None else ())

    @st.composite
    def expression(draw, shape, depth=3):
        if depth == 0 or draw(st.integers(0, 3)) == 0:
            return draw(st.sampled_from(leaves[shape]))
        kind = draw(st.sampled_from(kinds))
        r, c = shape
        if kind == "matmul":
            k = draw(st.sampled_from(SIZES))
            return f"({draw(expression((r, k), depth - 1))} @ {draw(expression((k, c), depth - 1))})"
        if kind == "add":
            return f"({draw(expression(shape, depth - 1))} + {draw(expression(shape, depth - 1))})"
        if kind == "transpose":
            return f"({draw(expression((c, r), depth - 1))}).T"
        built = extra(draw, kind, shape, lambda s: expression(s, depth - 1)) if kind not in BASIC else None
        if built is not None:
            return built
        return f"({draw(expression(('1', '1'), depth - 1))} * {draw(expression(shape, depth - 1))})"

    return expression


def assert_proved_pairs_agree(left: str, right: str, where: str) -> None:
    """If the kernel proves ``left == right`` for every size, the numeric check must not refute it."""
    try:
        parsed = parse_identity(f"{left} == {right}", where)
    except IdentityError:
        return
    if prove(parsed).all_sizes:
        assert check_numeric(parsed, seed=1).counterexample is None, f"{left} == {right}"
