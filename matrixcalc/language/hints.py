"""Hints that lead to the fix: what a user probably meant when a name, an operator or a declaration is wrong.

Each hint is a phrase appended to the parser's message (or the message itself for ``^``): a
"did you mean" for a near or foreign function name (``trace`` → ``tr``, ``np.trace`` → ``tr``),
a declaration read off how an undeclared symbol is used (``lam * X`` → ``lam: scalar``), and
``;`` when declarations are separated by commas.
"""

from __future__ import annotations

import ast
import difflib
import re

FOREIGN = {
    # what people write from NumPy, MATLAB, LaTeX or papers -> the language's spelling; the
    # spellings of a function or operator are its record's ``foreign`` names, added when it registers
    "eye": "I",
    "identity": "I",
    "outer": "@ with a transpose (a @ b.T)",
    "grad": "d",
    "gradient": "d",
    "jacobian": "jac",
    "hessian": "hess",
}
LAMBDA = "'lambda' is a Python keyword: write 'lam' or 'lmbda' (both print as λ)"


def _spelling(target: str) -> str:
    """``tr`` as a call, an operator as itself."""
    return f"{target}(...)" if target.isidentifier() else target


def did_you_mean(name: str, known: set[str]) -> str:
    """``; did you mean tr(...)?`` for a foreign or near name, else ""."""
    base = name.rsplit(".", 1)[-1]
    if base in FOREIGN and (FOREIGN[base] != base or name != base):
        return f"; did you mean {_spelling(FOREIGN[base])}?"
    near = difflib.get_close_matches(base, sorted(known), n=1, cutoff=0.75)
    return f"; did you mean {near[0]}(...)?" if near else ""


def caret_column(text: str, start: int, end: int, operator: str) -> int | None:
    """The column of ``operator`` within ``text[start:end]`` outside brackets, or None."""
    depth = 0
    for index in range(start, end):
        char = text[index]
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0 and text.startswith(operator, index):
            return index
    return None


SCALAR_USES = (ast.Mult, ast.Div, ast.Pow)


def suggested_declaration(text: str, name: str) -> str:
    """A declaration of ``name`` that fits how ``text`` uses it: ``lam: scalar``, ``x: n``, ``X: n x n``."""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return f"{name}: n x n"
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    uses = [node for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id == name]
    for use in uses:
        parent = parents.get(use)
        if isinstance(parent, ast.Attribute) and parent.attr == "T" and isinstance(parents.get(parent), ast.BinOp):
            if isinstance(parents[parent].op, ast.MatMult) and parents[parent].left is parent:
                return f"{name}: n"  # x.T @ ...: a vector read as a row
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, SCALAR_USES):
            other = parent.right if parent.left is use else parent.left
            if isinstance(parent.op, ast.Pow) or not isinstance(other, ast.Constant):
                return f"{name}: scalar"
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id in ("exp", "log"):
            return f"{name}: scalar"
    return f"{name}: n x n"


COMMA_DECLARATION = re.compile(r",\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:")


def comma_for_semicolon(chunk: str) -> int | None:
    """The offset of a ``,`` that starts another declaration (``x: n, A: n x n``), or None."""
    match = COMMA_DECLARATION.search(chunk)
    return match.start() if match else None
