"""``diff``: derive by rules, read off by identification, simplify, verify with ``check()``.

The kind of derivative follows the shapes (LANGUAGE.md): a scalar of a matrix gives the
gradient ``d(f, X)`` (denominator layout; its transpose for ``layout="numerator"``), a vector of
a vector the Jacobian ``jac``, anything of a scalar the entrywise ``d``, a matrix of a matrix
``jac(vec(F), vec(X))`` in Kronecker form, and ``kind="hessian"`` the Hessian. The result is
shown only with the verdict of the identity that states it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import IdentityError
from ..language import parse_expression
from ..language.dims import is_scalar, is_vector, shape_str
from ..language.tree import COMPLEX_OPS, Declaration, Node
from ..latex import latex
from ..operations import build as b
from ..verdict import Status, Verdict
from ..verify import check
from .conjugate import hermitian_form, push_conjugates
from .differential import Variable, differential
from .find import find
from .identify import NoMatrixForm, gradient, jacobian
from .simplify import Simplifier, size
from .text import to_text

KINDS = ("auto", "hessian")
LAYOUTS = ("denominator", "numerator")


@dataclass
class Step:
    """One link of the derivation: the expression, the rule that gives it, its verdict."""

    expression: str
    rule: str
    verdict: Verdict | None = None


@dataclass
class Derivative:
    """A derived, simplified and verified derivative (see ``diff``)."""

    expression: str
    shape: str
    identity: str
    where: str
    verdict: Verdict
    latex: str
    form: str  # gradient | jacobian | entrywise | hessian | differential
    differential: str = ""  # differential(F, X, dX) == ... in plain matrix form (unverified by itself)
    note: str = ""
    chain: list[tuple[str, str]] = field(default_factory=list)
    steps_where: str = ""
    timeout: float | None = None
    source: tuple[str, str] = ("", "")  # the expression and variable as given
    where_given: str = ""
    _steps: list[Step] | None = None
    _catalogue: list[str] | None = None

    @property
    def steps(self) -> list[Step]:
        """The checked derivation: differential, rewriting, identification, conclusion."""
        if self._steps is None:
            self._steps = check_steps(self.chain, self.identity, self.steps_where, self.where, self.timeout)
        return self._steps

    @property
    def catalogue(self) -> list[str]:
        """IDs of catalogue identities about the same derivative (up to renaming)."""
        if self._catalogue is None:
            expression, wrt = self.source
            self._catalogue = sorted({m.id for m in find(expression, self.where_given, wrt=wrt)})
        return self._catalogue

    def to_dict(self, steps: bool = True) -> dict:
        """The JSON form; ``steps`` are the checked derivation (None when not asked for)."""
        return {
            "expression": self.expression,
            "latex": self.latex,
            "shape": self.shape,
            "identity": self.identity,
            "steps": [
                {"expression": s.expression, "rule": s.rule, "verdict": s.verdict.status if s.verdict else None}
                for s in self.steps
            ]
            if steps
            else None,
            "verdict": self.verdict.to_dict(),
        }


class NotVerified(Exception):
    """The rules produced a result that check() refuted: a bug in the rules, never shown as an answer."""

    def __init__(self, derivative: Derivative) -> None:
        super().__init__(f"the derived result is {derivative.verdict.status}: {derivative.identity}")
        self.derivative = derivative


def diff(
    expression: str,
    wrt: str,
    where: str,
    *,
    kind: str = "auto",
    layout: str = "denominator",
    timeout: float | None = None,
) -> Derivative:
    """The derivative of ``expression`` with respect to the symbol ``wrt`` (or ``vec(X)``), verified."""
    if kind not in KINDS:
        raise IdentityError(f"kind must be one of {', '.join(KINDS)}, not '{kind}'")
    if layout not in LAYOUTS:
        raise IdentityError(f"layout must be one of {', '.join(LAYOUTS)}, not '{layout}'")
    node, declarations = parse_expression(expression, where)
    name, via_vec, conjugate = _variable(wrt, declarations)
    _complex_support(node, declarations, kind, conjugate, name)
    plan = _Plan(node, declarations[name], via_vec, where, kind, layout, conjugate)
    try:
        derivative = plan.run(expression, timeout)
    except RecursionError:
        raise IdentityError("the expression is nested too deeply for the calculator (not yet supported)") from None
    if derivative.verdict.status == Status.REFUTED:
        raise NotVerified(derivative)
    return derivative


def _complex_support(node: Node, declarations: dict[str, Declaration], kind: str, conjugate: bool, name: str) -> None:
    """What the Wirtinger calculator does not do yet is an error, never a wrong answer."""
    if conjugate and not declarations[name].complex:
        raise IdentityError(
            f"--wrt conj({name}) needs a complex '{name}'; declare it '{name}: ... complex'", part="wrt"
        )
    complex_values = any(d.complex for d in declarations.values()) or any(n.op in COMPLEX_OPS for n in node.walk())
    if complex_values and kind == "hessian":
        raise IdentityError("not yet: Hessians with complex values (check() has no complex hess either)")


def _variable(wrt: str, declarations: dict[str, Declaration]) -> tuple[str, bool, bool]:
    """(symbol, by vec(X), by conj(Z)) from --wrt."""
    text = wrt.strip()
    match = re.fullmatch(r"(vec|conj)\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)", text)
    name = match.group(2) if match else text
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise IdentityError(
            f"--wrt must be a declared symbol, vec(SYMBOL) or conj(SYMBOL), not '{wrt}'",
            part="wrt",
            source=wrt,
            column=0,
            length=len(wrt),
        )
    if name not in declarations:
        raise IdentityError(
            f"'{name}' is not declared; declare it in --where, e.g. '{name}: n x n'",
            part="wrt",
            source=wrt,
            column=wrt.index(name),
            length=len(name),
        )
    kind = match.group(1) if match else None
    return name, kind == "vec", kind == "conj"


class _Plan:
    """One derivation: the differential, then the read-off that the shapes call for."""

    def __init__(
        self, node: Node, decl: Declaration, via_vec: bool, where: str, kind: str, layout: str, conjugate: bool = False
    ) -> None:
        self.node, self.decl, self.via_vec, self.where = node, decl, via_vec, where
        self.kind, self.layout, self.conjugate = kind, layout, conjugate
        declarations = parse_expression("1", where)[1]
        self.simplify = Simplifier(declarations).fully
        direction = f"d{decl.name}"
        while direction in declarations:
            direction += "_"
        self.direction = b.symbol(direction, decl.shape)
        self.steps_where = f"{where}; {direction}: {_shape_decl(decl)}{' complex' if decl.complex else ''}"
        self.complex_names = {n for n, d in declarations.items() if d.complex} | (
            {direction} if decl.complex else set()
        )
        self.f = to_text(node)
        self.x = f"conj({decl.name})" if conjugate else decl.name

    def candidate(self) -> tuple[str, Node, str, str, list[tuple[str, str]]]:
        """The unverified result: (left side, result, form, note, derivation chain)."""
        variable = Variable(self.decl.name, self.direction)
        raw = differential(self.node, variable)
        df_raw = raw if raw is not None else b.zeros(self.node.shape)
        df = self.simplify(push_conjugates(df_raw, self.complex_names)) if self.complex_names else self.simplify(df_raw)
        x, dx = self.decl.name, self.direction.value
        start = f"differential({self.f}, {x}, {dx})"
        chain = [(start, "the differential of the expression"), (to_text(df_raw), "rules of the differential")]
        if to_text(hermitian_form(df)) != chain[-1][0]:
            chain.append((to_text(hermitian_form(df)), "simplified"))
        note = ""
        try:
            if self.decl.complex:
                lhs, result, form, _ = self._read(self.simplify(self._wirtinger_part(df, self.conjugate)))
                extra = self._both_parts(df, form, result)
            else:
                lhs, result, form, extra = self._read_off(df, df_raw)
            result = hermitian_form(result)
            chain += extra
        except NoMatrixForm as why:
            note = f"no matrix form ({why}); the differential is given instead"
            lhs, result, form = start, df, "differential"
        return lhs, result, form, note, chain

    def run(self, expression: str, timeout: float | None) -> Derivative:
        """The candidate, verified by check() as the identity that states it."""
        lhs, result, form, note, chain = self.candidate()
        plain = [expr for expr, rule in chain if rule in ("rules of the differential", "simplified")][-1]
        dx = self.direction.value
        expression_text = to_text(result)
        identity = f"{lhs} == {expression_text}"
        where = self.steps_where if dx in _names(identity) else self.where
        try:
            verdict = check(identity, where, timeout=timeout)
        except IdentityError as error:  # the result exists but cannot be checked: it is not shown
            raise IdentityError(
                f"a derivative was derived, but it cannot be verified, so it is not shown: {error.message}",
                part="identity",
            ) from None
        return Derivative(
            expression=expression_text,
            shape=shape_str(result.shape),
            identity=identity,
            where=where,
            verdict=verdict,
            latex=latex(identity, where),
            form=form,
            differential=f"{chain[0][0]} == {plain}",
            note=note,
            chain=chain,
            steps_where=self.steps_where,
            timeout=timeout,
            source=(expression, self.decl.name),
            where_given=self.where,
        )

    def _both_parts(self, df: Node, form: str, result: Node) -> list[tuple[str, str]]:
        """The identification step of a complex variable: df written with both Wirtinger derivatives."""
        vector_jacobian = form == "jacobian" and is_vector(self.node.shape) and not self.via_vec
        if self.layout == "numerator" or not (form in ("gradient", "derivative", "entrywise") or vector_jacobian):
            return []
        try:
            other = self._read(self.simplify(self._wirtinger_part(df, not self.conjugate)))[1]
        except NoMatrixForm:
            return []
        g, g_bar = (other, result) if self.conjugate else (result, other)
        dx = self.direction
        pair = {
            "gradient": lambda a, d: b.call("frob", a, d),
            "jacobian": b.matmul,
        }.get(form, lambda a, d: b.scale(d, a) if not is_scalar(a.shape) else b.scale(a, d))
        both = b.add(pair(g, dx), pair(g_bar, b.call("conj", dx)))
        text = to_text(hermitian_form(both))
        rule = "identification of both Wirtinger parts: df = frob(d(f, Z), dZ) + frob(d(f, conj(Z)), conj(dZ))"
        return [(text, rule)]

    def _wirtinger_part(self, df: Node, conjugate: bool) -> Node:
        """The terms in dZ alone (for d(f, Z)), or those in conj(dZ) written with dZ (for d(f, conj(Z))):
        ``df = frob(G, dZ) + frob(G̃, conj(dZ))``, and each part is read off like a real gradient."""
        dx = self.direction
        bar = b.symbol(dx.value + "_conj", dx.shape)
        zero = b.zeros(dx.shape)
        split = b.substitute(df, lambda n: bar if n.op == "conj" and _is_symbol(n.args[0], dx) else None)
        if conjugate:
            return b.substitute(split, lambda n: zero if _is_symbol(n, dx) else dx if _is_symbol(n, bar) else None)
        return b.substitute(split, lambda n: zero if _is_symbol(n, bar) else None)

    def _read_off(self, df: Node, df_raw: Node):
        """The derivative from the simplified differential, or from the raw one if that has no read-off."""
        try:
            return self._read(df)
        except NoMatrixForm:
            return self._read(df_raw)

    def _read(self, df: Node):
        f_shape, x_shape, x = self.node.shape, self.decl.shape, self.x
        dx = self.direction
        if self.kind == "hessian":
            return self._hessian(df)
        if is_scalar(x_shape) and not self.via_vec:
            value = self.simplify(b.substitute(df, lambda n: b.number(1) if n == dx else None))
            return f"d({self.f}, {x})", value, "entrywise" if not is_scalar(f_shape) else "derivative", []
        if is_scalar(f_shape) and not self.via_vec:
            g = self.simplify(gradient(df, dx))
            ident = f"frob({to_text(g)}, {dx.value})" if not is_scalar(g.shape) else f"{to_text(g)} * {dx.value}"
            steps = [(ident, "identification: df = frob(G, dX) gives d(f, X) = G")]
            if self.layout == "numerator":
                return f"d({self.f}, {x}).T", self.simplify(b.transpose(g)), "gradient", steps
            return f"d({self.f}, {x})", g, "gradient", steps
        j = self.simplify(jacobian(df, dx))
        body = self.f if is_vector(f_shape) else f"vec({self.f})"
        var = x if is_vector(x_shape) and not self.via_vec else f"vec({x})"
        vdx = dx.value if is_vector(x_shape) else f"vec({dx.value})"
        steps = []
        if is_vector(f_shape):
            steps.append((f"{to_text(j)} @ {vdx}", "identification: df = J dx gives the Jacobian J"))
        return f"jac({body}, {var})", j, "jacobian", steps

    def _hessian(self, df: Node):
        f_shape, x_shape, x = self.node.shape, self.decl.shape, self.decl.name
        if not is_scalar(f_shape):
            raise IdentityError("kind='hessian' needs a scalar expression")
        if is_scalar(x_shape):
            raise IdentityError("kind='hessian' differentiates by a vector or a matrix; for a scalar use d(d(f, t), t)")
        # the gradient is differentiated again, so it must not use the symmetry of X (LANGUAGE.md:
        # every entry of the variable is independent); only the final result may
        g = Simplifier({})(gradient(df, self.direction))
        d2 = differential(g, Variable(x, self.direction))
        h = self.simplify(jacobian(d2 if d2 is not None else b.zeros(g.shape), self.direction))
        var = x if is_vector(x_shape) else f"vec({x})"
        return f"hess({self.f}, {var})", h, "hessian", []


def _is_symbol(node: Node, symbol: Node) -> bool:
    return node.op == "symbol" and node.value == symbol.value


def _names(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))


def _shape_decl(decl: Declaration) -> str:
    return "scalar" if is_scalar(decl.shape) else " x ".join(str(d) for d in decl.shape)


def check_steps(chain, identity: str, steps_where: str, where: str, timeout) -> list[Step]:
    """Check the derivation as one chain (every link must hold), then the conclusion."""
    steps = [Step(expr, rule) for expr, rule in chain]
    if len(steps) > 1:
        for prev, s in zip(steps, steps[1:]):
            s.verdict = check(f"{prev.expression} == {s.expression}", steps_where, timeout=timeout)
    steps.append(Step(identity, "conclusion", check(identity, where, timeout=timeout)))
    return steps


__all__ = ["Derivative", "NotVerified", "Step", "diff", "size"]
