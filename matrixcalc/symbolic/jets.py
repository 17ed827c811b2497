"""Nested dual numbers: exact forward-mode differentiation of scalar arithmetic.

A derivative node perturbs its variable entry by entry, ``X[k,l] + eps_kl``, with one group of
infinitesimals per derivative (``eps_i * eps_j = 0`` inside a group). Only scalar operations are
differentiated — never matrix-calculus rules, which are what is under test. Coefficients are
exact: rationals, or rational functions of symbols with transcendental atoms (``atoms.Field``).
A ``Jet`` of group g holds coefficients of lower groups, so nested derivatives (Hessians,
``d(d(f, X), Y)``) compose: inner derivatives always get the higher group number.
"""

from __future__ import annotations


class Undefined(Exception):
    """A side is undefined at this point (division by zero, log of a non-positive, ...)."""


class Jet:
    """``val + sum(eps[i] * e_i)`` for the infinitesimals ``e_i`` of one group; immutable."""

    __slots__ = ("group", "val", "eps")

    def __init__(self, group: int, val, eps: dict) -> None:
        self.group = group
        self.val = val
        self.eps = eps

    def __repr__(self) -> str:
        return f"Jet({self.group}, {self.val!r}, {self.eps!r})"

    # the ring operations, so whole-row algorithms (``elimination``) take jets like any scalar;
    # a reciprocal needs the field's one: ``recip``
    def __add__(self, other):
        return add(self, other)

    __radd__ = __add__

    def __neg__(self):
        return neg(self)

    def __sub__(self, other):
        return sub(self, other)

    def __rsub__(self, other):
        return sub(other, self)

    def __mul__(self, other):
        return mul(self, other)

    __rmul__ = __mul__


class VectorDual:
    """``v + sum(d[i] * e_i)`` with every ``e_i e_j = 0``: a first-order jet whose coefficients are
    one numpy array ``d`` (None: no infinitesimal), so one scalar operation handles all of them.

    Used by ``stacked.py`` to run ``linalg``'s algorithms (cofactors, elimination) on entries
    with their derivatives: scalar calculus, vectorised. Only ``+ - * /`` of the coefficient
    field are used. ``x == 0`` means value and every coefficient zero (``is_zero``); ``base``
    gives the value alone (a pivot needs a nonzero value).
    """

    __slots__ = ("v", "d")
    __hash__ = None

    def __init__(self, v, d) -> None:
        self.v = v
        self.d = d

    def __repr__(self) -> str:
        return f"VectorDual({self.v!r}, {self.d!r})"

    @staticmethod
    def _of(x) -> VectorDual:
        return x if type(x) is VectorDual else VectorDual(x, None)

    def __add__(self, other) -> VectorDual:
        o = VectorDual._of(other)
        d = o.d if self.d is None else self.d if o.d is None else self.d + o.d
        return VectorDual(self.v + o.v, d)

    __radd__ = __add__

    def __neg__(self) -> VectorDual:
        return VectorDual(-self.v, None if self.d is None else -self.d)

    def __sub__(self, other) -> VectorDual:
        return self + (-VectorDual._of(other))

    def __rsub__(self, other) -> VectorDual:
        return VectorDual._of(other) - self

    def __mul__(self, other) -> VectorDual:
        o = VectorDual._of(other)
        d = None if self.d is None else self.d * o.v
        if o.d is not None:
            e = o.d * self.v
            d = e if d is None else d + e
        return VectorDual(self.v * o.v, d)

    def __rmul__(self, other) -> VectorDual:
        return VectorDual._of(other) * self

    def reciprocal(self) -> VectorDual:
        r = recip(self.v, 1)  # Undefined at zero; a jet too (an entry inside a nested derivative)
        return VectorDual(r, None if self.d is None else self.d * (-(r * r)))

    def __truediv__(self, other) -> VectorDual:
        return self * VectorDual._of(other).reciprocal()

    def __rtruediv__(self, other) -> VectorDual:
        return VectorDual._of(other) * self.reciprocal()

    def __eq__(self, other) -> bool:
        o = VectorDual._of(other)
        if not self.v == o.v:
            return False
        return _zeros_equal(self.d, o.d)

    def __ne__(self, other) -> bool:
        return not self == other


NEGATED = object()  # the local derivative -1 (of a negation or a subtrahend), in any field


class Taped:
    """A scalar that remembers how it was computed, for reverse mode (``sweep``).

    ``parents`` pairs each operand that is itself taped with the local derivative of this value
    by it (None for 1, ``NEGATED`` for -1); plain operands are constants. One backward sweep then
    gives the derivative of one scalar by every leaf — scalar calculus, the chain rule summed
    over the recorded operations, never a matrix rule. A taped value is never taken for an exact
    zero (``x == 0`` is False: its derivatives may not vanish); ``base`` gives its value.

    Every value joins the tape of its first taped operand (a leaf starts one), in the order it
    was computed: operands before results, so the backward sweep is the tape reversed, with no
    search of the graph. ``g`` collects the adjoint during the sweep.
    """

    __slots__ = ("v", "parents", "tape", "g")
    __hash__ = None

    def __init__(self, v, parents: tuple = (), tape: list | None = None) -> None:
        self.v = v
        self.parents = parents
        self.g = None
        self.tape = parents[0][0].tape if parents else ([] if tape is None else tape)
        self.tape.append(self)

    def __repr__(self) -> str:
        return f"Taped({self.v!r})"

    def __add__(self, other) -> Taped:
        if type(other) is Taped:
            return Taped(self.v + other.v, ((self, None), (other, None)))
        return Taped(self.v + other, ((self, None),))

    __radd__ = __add__

    def __neg__(self) -> Taped:
        return Taped(-self.v, ((self, NEGATED),))

    def __sub__(self, other) -> Taped:
        if type(other) is Taped:
            return Taped(self.v - other.v, ((self, None), (other, NEGATED)))
        return Taped(self.v - other, ((self, None),))

    def __rsub__(self, other) -> Taped:
        return Taped(other - self.v, ((self, NEGATED),))

    def __mul__(self, other) -> Taped:
        if type(other) is Taped:
            return Taped(self.v * other.v, ((self, other.v), (other, self.v)))
        return Taped(self.v * other, ((self, other),))

    __rmul__ = __mul__

    def reciprocal(self) -> Taped:
        if self.v == 0:
            raise Undefined("division by zero")
        r = 1 / self.v
        return Taped(r, ((self, -(r * r)),))

    def __truediv__(self, other) -> Taped:
        if type(other) is Taped:
            return self * other.reciprocal()
        if other == 0:
            raise Undefined("division by zero")
        return self * (1 / other)

    def __rtruediv__(self, other) -> Taped:
        return self.reciprocal() * other

    def __eq__(self, other) -> bool:
        return False

    def __ne__(self, other) -> bool:
        return True


def leaves(values, tape: list) -> list[Taped]:
    """Taped leaves for the given values, all on ``tape``."""
    return [Taped(x, (), tape) for x in values]


def sweep(tape: list, seeds: list) -> None:
    """The backward sweep over one tape: ``seeds`` pairs values with their adjoints (values not
    taped are constants and ignored); afterwards every taped value's ``g`` holds its adjoint."""
    for node in tape:
        node.g = None
    for output, g in seeds:
        if type(output) is Taped:
            output.g = g if output.g is None else output.g + g
    for node in reversed(tape):
        g = node.g
        if g is None or not node.parents:
            continue
        for parent, local in node.parents:
            c = g if local is None else -g if local is NEGATED else g * local
            parent.g = c if parent.g is None else parent.g + c


def _zeros_equal(d, e) -> bool:
    if d is None and e is None:
        return True
    if d is None:
        d, e = e, d
    return all(x == 0 for x in d) if e is None else all(x == y for x, y in zip(d, e))


def group_of(x) -> int:
    return x.group if type(x) is Jet else -1


def base(x):
    """The value with every infinitesimal set to zero."""
    while type(x) is Jet:
        x = x.val
    while type(x) is VectorDual or type(x) is Taped:
        x = x.v
    return x


def is_zero(x) -> bool:
    while type(x) is Jet:
        if x.eps:
            return False
        x = x.val
    return x == 0


def flatten(x):
    """A jet without infinitesimals is just its value."""
    while type(x) is Jet and not x.eps:
        x = x.val
    return x


def coefficient(x, group: int, index: int, zero):
    """The coefficient of infinitesimal ``index`` of ``group`` in x (zero if x does not depend on it)."""
    if type(x) is Jet and x.group == group:
        return flatten(x.eps.get(index, zero))
    return zero


def add(x, y):
    tx, ty = type(x) is Jet, type(y) is Jet
    if not tx and not ty:
        return x + y
    gx, gy = x.group if tx else -1, y.group if ty else -1
    if gx == gy:
        eps = dict(x.eps)
        for i, c in y.eps.items():
            if i in eps:
                s = add(eps[i], c)
                if is_zero(s):
                    del eps[i]
                else:
                    eps[i] = s
            else:
                eps[i] = c
        return Jet(gx, add(x.val, y.val), eps)
    if gx > gy:
        return Jet(gx, add(x.val, y), x.eps)
    return Jet(gy, add(x, y.val), y.eps)


def add_many(xs: list, zero):
    """The sum of many values at once: each coefficient summed once, no dict copied per term."""
    if not xs:
        return zero
    top = max((x.group for x in xs if type(x) is Jet), default=-1)
    if top < 0:
        acc = xs[0]
        for x in xs[1:]:
            acc = acc + x
        return acc
    values, coefficients = [], {}
    for x in xs:
        if type(x) is Jet and x.group == top:
            values.append(x.val)
            for i, c in x.eps.items():
                coefficients.setdefault(i, []).append(c)
        else:
            values.append(x)
    eps = {}
    for i, cs in coefficients.items():
        c = cs[0] if len(cs) == 1 else add_many(cs, zero)
        if not is_zero(c):
            eps[i] = c
    return Jet(top, add_many(values, zero), eps)


def neg(x):
    if type(x) is not Jet:
        return -x
    return Jet(x.group, neg(x.val), {i: neg(c) for i, c in x.eps.items()})


def sub(x, y):
    return add(x, neg(y))


def mul(x, y):
    tx, ty = type(x) is Jet, type(y) is Jet
    if not tx and not ty:
        return x * y
    gx, gy = x.group if tx else -1, y.group if ty else -1
    if gx < gy:
        x, y, gx, gy = y, x, gy, gx
    if gx > gy:  # y is constant in x's group
        if is_zero(y):
            return y if gy < 0 else base(y)
        if gy < 0:  # a nonzero scalar: no product of nonzero coefficients vanishes (a field)
            return Jet(gx, mul(x.val, y), {i: c * y if type(c) is not Jet else mul(c, y) for i, c in x.eps.items()})
        eps = {}
        for i, c in x.eps.items():
            p = mul(c, y)
            if not is_zero(p):
                eps[i] = p
        return Jet(gx, mul(x.val, y), eps)
    eps = {}
    xv, yv = x.val, y.val
    for i, c in x.eps.items():
        p = mul(c, yv)
        if not is_zero(p):
            eps[i] = p
    for i, c in y.eps.items():
        p = mul(xv, c)
        if i in eps:
            p = add(eps[i], p)
            if is_zero(p):
                del eps[i]
                continue
        elif is_zero(p):
            continue
        eps[i] = p
    return Jet(gx, mul(xv, yv), eps)


def recip(x, one):
    """1 / x; raises Undefined when the value of x is zero."""
    if type(x) is not Jet:
        if x == 0:
            raise Undefined("division by zero")
        return one / x
    v = recip(x.val, one)
    d = neg(mul(v, v))
    return Jet(x.group, v, {i: mul(d, c) for i, c in x.eps.items()})


def div(x, y, one):
    return mul(x, recip(y, one))


def power(x, k: int, one):
    """x ** k for an integer k, by repeated squaring."""
    if k < 0:
        return power(recip(x, one), -k, one)
    result, square = one, x
    while k:
        if k & 1:
            result = mul(result, square)
        k >>= 1
        if k:
            square = mul(square, square)
    return result


def apply(fn, x):
    """fn(x) for a scalar function with exact derivatives, by Taylor's first-order term per group.

    ``fn`` has ``base(v)`` (the function at an exact value) and ``derivative(v)`` (fn' at a jet),
    so ``fn(v + h) = fn(v) + fn'(v) h`` with ``h`` nilpotent in the group.
    """
    if type(x) is not Jet:
        return fn.base(x)
    value = apply(fn, x.val)
    slope = fn.derivative(x.val, value)
    return Jet(x.group, value, {i: mul(slope, c) for i, c in x.eps.items()})
