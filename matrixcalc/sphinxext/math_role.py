"""``mc:math``: a formula inside a sentence, written in the identity language and typeset as math.

``{mc:math}`inv(X).T``` (MyST) or ``:mc:math:`inv(X).T``` (reST) is parsed and type-checked
against the declarations in force — the page's shared ``mc:where`` declarations, kept in
``env.temp_data["matrixcalc_page_where"]``, with the role's own after a ``|``
(``{mc:math}`inv(X).T | X: n x n```; ``|`` is not part of the language, so it cannot be
mistaken for one) — and printed by the same LaTeX printer as the identities. The result is a
real ``nodes.math``, so MathJax typesets it on the site and the LaTeX writer in the PDF. A typo
or a shape error fails the build at the role's file and line, like a false identity.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from ..errors import IdentityError
from ..latex.inline import formula_latex, split
from ..page_where import PAGE_KEY, merge_where
from .domain import get_domain


class MathRole(SphinxRole):
    """Parse, type-check and typeset the role's formula; a bad one fails the build at its line."""

    def line(self) -> int:
        """The role's own source line (read only when reporting a fault).

        docutils and myst-parser give a role the first line of its paragraph, and the paragraph's
        text is not built yet; the role is on the first line from there that holds its first line.
        """
        source, line = self.get_source_info()
        if not source or not line:
            return line or 0
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except OSError:
            return line
        first = self.text.splitlines()[0] if self.text else ""  # MyST rewrites the rawtext as reST
        for offset, text in enumerate(lines[line - 1 :]):
            if first in text:
                return line + offset
            if not text.strip():  # the paragraph ended: keep the paragraph's line
                break
        return line

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """A ``nodes.math`` holding the printer's LaTeX, or the text as code after reporting the fault."""
        formula, own = split(self.text)
        where = merge_where(self.env.temp_data.get(PAGE_KEY, ""), own)
        try:
            latex = formula_latex(formula, where)
        except IdentityError as error:
            line = self.line()
            docname = self.env.current_document.docname
            caret = f"\n    {error.source}\n    {' ' * (error.column or 0)}^" if error.source else ""
            message = f"mc:math {self.text!r} is not well formed: {error}{caret}"
            get_domain(self.env).note_failure(docname, line or 0, message)
            return [nodes.literal(self.rawtext, self.text, classes=["mc-unparsed"])], []
        node = nodes.math(self.rawtext, latex, classes=["mc-math"])
        self.set_source_info(node)
        return [node], []
