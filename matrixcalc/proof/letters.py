"""Letters of a word: their shapes, transposes pushed to the leaves, and declared assumptions.

A letter is a tuple whose first item names its kind:

- ``("s", name, t, i)``: a declared matrix, transposed when ``t``, inverted when ``i``;
- ``("1", r, c)``: ``ones(r, c)``; ``("K", m, n)``: the commutation matrix ``K(m, n)``;
- ``("inv", S)``: the inverse of a sum that no rule splits; ``("kron", A, B)``, ``("vec", S, t)``,
  ``("had", (S, ...))``, ``("ew", f, S)``, ``("diagm", S)``, ``("diag", S, t)`` hold sums.
"""

from __future__ import annotations

from .algebra import Context, Unprovable
from .tree_api import ONE


def lshape(letter: tuple, ctx: Context):
    kind = letter[0]
    if kind == "s":
        r, c = ctx.shapes[letter[1]]
        return (c, r) if letter[2] else (r, c)
    if kind == "1":
        return letter[1], letter[2]
    if kind == "K":
        n = letter[1] * letter[2]
        return n, n
    if kind in ("inv", "ew", "diagm"):
        s = letter[-1]
        return (s.rows, s.rows) if kind == "diagm" else s.shape
    if kind == "kron":
        a, b = letter[1], letter[2]
        return a.rows * b.rows, a.cols * b.cols
    if kind == "vec":
        s = letter[1]
        n = s.rows * s.cols
        return (ONE, n) if letter[2] else (n, ONE)
    if kind == "had":
        return letter[1][0].shape
    if kind == "diag":
        n = letter[1].rows
        return (ONE, n) if letter[2] else (n, ONE)
    raise Unprovable("internal", f"unknown letter {kind}")


def word_dims(word: tuple, ctx: Context) -> list:
    """The sizes between letters: rows of the first, then the columns of each letter."""
    if not word:
        return []
    dims = [lshape(word[0], ctx)[0]]
    dims.extend(lshape(letter, ctx)[1] for letter in word)
    return dims


def symbol_letter(name: str, t: int, i: int, ctx: Context) -> tuple:
    """A declared matrix with its assumptions applied: symmetric drops ``.T``, orthogonal turns ``inv`` into ``.T``."""
    if name.startswith("conj:") and ctx.has(name, "hermitian"):
        ctx.use("hermitian-conjugate")
        name, t = name[5:], 1 - t
    if i and ctx.has(name, "orthogonal"):
        ctx.use("orthogonal-inverse")
        t, i = 1 - t, 0
    if t and ctx.has(name, "symmetric"):
        ctx.use("symmetric-transpose")
        t = 0
    return ("s", name, t, i)
