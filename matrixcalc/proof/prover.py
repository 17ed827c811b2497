"""The prover's entry point: an identity is proved for every size when each link's sides share one normal form."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..operations import DECOMPOSED, decompose
from .algebra import CONJ, SCALAR, Context, Sum, Unprovable, add, build, key, mono, sub, times_scalar
from .logistic import has_sigmoid, with_exp
from .normal import normal
from .rational import vanishes
from .rules import definition_rule
from .show import show
from .tree_api import Identity, is_scalar
from .words import matmul


@dataclass
class Proof:
    """The kernel's answer: ``all_sizes`` and, per link, the rules applied to each side and the common normal form."""

    all_sizes: bool
    links: list[dict] = field(default_factory=list)  # {"left": [...], "right": [...], "normal_form": str}
    reason: str | None = None  # why no proof was found: "<class>: <detail>"

    def to_dict(self) -> dict:
        return {"all_sizes": self.all_sizes, "links": self.links, "reason": self.reason}


def context(parsed: Identity) -> Context:
    shapes, scalars, assumptions, complex_names = {}, set(), {}, set()
    for name, decl in parsed.declarations.items():
        names = (name, CONJ + name) if decl.complex else (name,)
        if decl.complex:
            complex_names.add(name)
        for each in names:
            if is_scalar(decl.shape):
                scalars.add(each)
            else:
                shapes[each] = tuple(decl.shape)
        assumptions[name] = frozenset(decl.assumptions)
    return Context(shapes, assumptions, frozenset(scalars), complex=frozenset(complex_names))


def prove(parsed: Identity) -> Proof:
    """Try to prove every link of ``parsed`` for every size; never raises for a well-formed identity."""
    proof = Proof(all_sizes=False)
    try:
        base = context(parsed)
        for i, (a, b) in enumerate(parsed.links()):
            left, right = _side(a, base), _side(b, base)
            if repr(left[0]) != repr(right[0]) and not _zero(sub(left[0], right[0]), left[1], base):
                raise Unprovable("no common normal form", f"link {i + 1}: {show(left[0])} vs {show(right[0])}")
            proof.links.append({"left": left[1], "right": right[1], "normal_form": show(left[0])})
        proof.all_sizes = True
    except Unprovable as exc:
        proof.links = []
        proof.reason = str(exc)
    except RecursionError:
        proof.links = []
        proof.reason = "rewriting: too deep"
    except (KeyError, IndexError, StopIteration, TypeError, ValueError, ZeroDivisionError) as exc:
        # a kernel bug must not cost the identity its size-wise verdict; it is shown as the reason, not hidden
        proof.links = []
        proof.reason = f"internal: {type(exc).__name__}: {exc}"
    return proof


def _zero(diff: Sum, used: list[str], base: Context) -> bool:
    """True when ``diff`` vanishes once multiplied by the powers of its denominators (each nonzero where defined),
    or by the rewrites of inverses of sums (``rational.py``)."""
    scratch: list[str] = []
    if _cleared(diff, scratch):
        used.extend(scratch)
        return True
    ctx = Context(base.shapes, base.assumptions, base.scalars, complex=base.complex)
    if vanishes(diff, ctx, lambda s: s.is_zero or _cleared_into(s, ctx.used)):
        used.extend(ctx.used)
        return True
    if has_sigmoid(diff):
        ctx = Context(base.shapes, base.assumptions, base.scalars, complex=base.complex)
        rewritten = with_exp(diff, ctx)
        if rewritten.is_zero or _cleared(rewritten, ctx.used):
            used.extend(ctx.used)
            return True
    return False


def _cleared_into(diff: Sum, used: list[str]) -> bool:
    """``_cleared``, recording its rules only when it succeeds."""
    scratch: list[str] = []
    if _cleared(diff, scratch):
        used.extend(scratch)
        return True
    return False


def _cleared(diff: Sum, used: list[str]) -> bool:
    """True when ``diff`` vanishes once multiplied by the powers of its denominators (each nonzero where defined)."""
    for _ in range(3):
        diff = _expand(diff, Context({}, {}, frozenset()))
        if diff.is_zero:
            return True
        denominators: dict = {}
        for s, _, _ in diff.terms:
            for atom, e in s:
                if atom[0] == "base" and e < 0 and e.denominator == 1:
                    denominators[atom] = max(denominators.get(atom, 0), -e)
        if not denominators:
            return False
        ctx = Context({}, {}, frozenset())
        factor = build(SCALAR, {(tuple(sorted(denominators.items(), key=lambda p: key(p[0]))), ()): Fraction(1)})
        diff = _expand(times_scalar(diff, factor), ctx)
        used.append("clear-denominators")
    return diff.is_zero


def _expand(a: Sum, ctx: Context) -> Sum:
    """Positive integer powers of opaque bases written out as products of their sums."""
    out = Sum(a.shape)
    for s, w, c in a.terms:
        term = build(
            SCALAR, {(tuple(p for p in s if not (p[0][0] == "base" and p[1] > 0 and p[1].denominator == 1)), ()): c}
        )
        for atom, e in s:
            if atom[0] == "base" and e > 0 and e.denominator == 1:
                for _ in range(int(e)):
                    term = matmul(term, atom[1], ctx)
        out = add(out, times_scalar(mono(w, a.shape), term))
    return out


def _side(node, base: Context) -> tuple[Sum, list[str]]:
    """The side's normal form and the rules used; an operation with a decomposition is first written as it
    (``<name>-definition``, the rule its record states)."""
    ctx = Context(base.shapes, base.assumptions, base.scalars, complex=base.complex)
    for name in sorted({n.op for n in node.walk()} & DECOMPOSED):
        ctx.use(definition_rule(name))
    return normal(decompose(node), ctx), ctx.used
