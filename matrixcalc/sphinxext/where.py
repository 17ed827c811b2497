"""The ``mc:where`` directive: declarations shared by every entry below it on the page.

Like ``sphinx.ext.doctest``'s ``testsetup``: a page that uses ``X: n x n invertible`` in ten
entries says so once. The declarations are checked here (an error is reported at this block's
line) and kept, as one declarations string, in ``env.temp_data["matrixcalc_page_where"]`` for
the rest of the document; each entry merges them with its own ``:where:``, its own declaration
of a name winning (:func:`matrixcalc.page_where.merge_where`). The inline math role reads the
same key. A later ``mc:where`` on the page replaces the earlier one; nothing is rendered.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..errors import IdentityError
from ..language.declarations import parse_where
from ..page_where import PAGE_KEY
from .domain import get_domain


class WhereDirective(SphinxDirective):
    """``mc:where``: the declarations as the body (or the argument), e.g. ``X: n x n; y: n``."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        """Check the declarations and keep them for the entries below; render nothing."""
        text = " ".join(part.strip() for part in [*self.arguments, *self.content] if part.strip())
        try:
            parse_where(text)
        except IdentityError as error:
            caret = f"\n{error.caret()}" if error.caret() else ""
            message = f"mc:where is not well formed: {error.message}{caret}"
            get_domain(self.env).note_failure(self.env.current_document.docname, self.lineno, message)
            return []
        self.env.temp_data[PAGE_KEY] = text
        return []
