"""The ``mc`` domain: every checked object on the site, its references, index and failures.

Failures live in domain data so they survive pickling and parallel reads; the event handlers
at the bottom turn them into a failing build, also on a warm rebuild (Sphinx issue #725).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


@dataclass
class Entry:
    """One checked object (an identity, later a derivation): what links, index and export read."""

    id: str
    kind: str  # "identity" | "derivation": also the object type and the export's "kind"
    title: str
    docname: str
    lineno: int
    anchor: str
    record: dict[str, Any] = field(default_factory=dict)  # the export fields of this kind


@dataclass
class Failure:
    """A reason the build must fail (or, not ``fatal``, a warning that fails it under ``-W``), at a source line.

    ``location`` is ``file:line`` when the text lives outside the document itself (a docstring
    pulled in by autodoc, an included file); empty for a line of the document.
    """

    docname: str
    lineno: int
    message: str
    location: str = ""
    fatal: bool = True


class IdentityIndex(Index):
    """All identities by ID, genindex-style, with their titles."""

    name = "index"
    localname = "Index of identities"
    shortname = "identities"

    def generate(self, docnames: Iterable[str] | None = None) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        """Entries grouped by the first character of their ID."""
        domain = self.domain
        assert isinstance(domain, MatrixCalcDomain)
        wanted = set(docnames) if docnames is not None else None
        groups: dict[str, list[IndexEntry]] = defaultdict(list)
        for entry in sorted(domain.unique_entries(), key=lambda e: e.id):
            if wanted is None or entry.docname in wanted:
                item = IndexEntry(entry.id, 0, entry.docname, entry.anchor, "", "", entry.title)
                groups[entry.id[0].upper()].append(item)
        return sorted(groups.items()), False


class IdentityRole(XRefRole):
    """``{identity}`id``` outside the domain: the same reference as ``{mc:identity}``."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Resolve in the ``mc`` domain whatever name the role was registered under."""
        self.name = "mc:identity"
        return super().run()


class MatrixCalcDomain(Domain):
    """Checked matrix-calculus objects; directives are added in ``setup`` (they import this)."""

    name = "mc"
    label = "Matrix calculus"
    object_types = {
        "identity": ObjType("identity", "identity"),
        "derivation": ObjType("derivation", "identity"),
        "rule": ObjType("rule", "identity"),  # a rule of the proof kernel (docs/rules.md)
        "text": ObjType("identity", "identity"),  # search only: the title and formula of an entry
    }
    roles = {"identity": XRefRole(warn_dangling=True)}
    indices = [IdentityIndex]
    dangling_warnings = {"identity": "unknown identity: %(target)s"}
    initial_data: dict[str, Any] = {"entries": [], "failures": []}
    data_version = 1

    @property
    def entries(self) -> list[Entry]:
        """Every entry as read, duplicates included (they are reported, not dropped)."""
        return self.data["entries"]

    @property
    def failures(self) -> list[Failure]:
        """Every recorded reason to fail the build."""
        return self.data["failures"]

    def note_entry(self, entry: Entry) -> None:
        """Record an entry read from the current document."""
        self.entries.append(entry)

    def note_failure(
        self, docname: str, lineno: int, message: str, *, location: str = "", fatal: bool = True, subtype: str = "check"
    ) -> None:
        """Warn at ``location`` (else ``docname:lineno``) and remember it, so a warm build reports it again.

        A ``fatal`` failure fails the build even without ``-W``; the others (numeric-only) are warnings.
        """
        logger.warning(message, location=location or (docname, lineno), type="matrixcalc", subtype=subtype)
        self.failures.append(Failure(docname, lineno, message, location, fatal))

    def unique_entries(self) -> Iterator[Entry]:
        """The first entry for each ID."""
        seen: set[str] = set()
        for entry in self.entries:
            if entry.id not in seen:
                seen.add(entry.id)
                yield entry

    def find(self, ident: str) -> Entry | None:
        """The entry for ``ident``, if any."""
        return next((entry for entry in self.entries if entry.id == ident), None)

    def duplicates(self) -> dict[str, list[Entry]]:
        """IDs used more than once, with every place they are used."""
        by_id: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            by_id[entry.id].append(entry)
        return {ident: found for ident, found in by_id.items() if len(found) > 1}

    def clear_doc(self, docname: str) -> None:
        """Forget what ``docname`` contributed."""
        self.data["entries"] = [e for e in self.entries if e.docname != docname]
        self.data["failures"] = [f for f in self.failures if f.docname != docname]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take a parallel reader's entries and failures for ``docnames``."""
        self.entries.extend(e for e in otherdata["entries"] if e.docname in docnames)
        self.failures.extend(f for f in otherdata["failures"] if f.docname in docnames)

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """What objects.inv and the search index list.

        Sphinx's search matches a query against an object's display name, so each entry is listed
        twice: by its permanent ID (found by ID, priority 1), and as ``text`` by its title and
        formula in the language (found by title words and by names such as ``logdet`` or
        ``kron``, priority 2). Both link to the entry's anchor.
        """
        for entry in self.unique_entries():
            yield entry.id, entry.id, entry.kind, entry.docname, entry.anchor, 1
            yield f"{entry.id}:text", search_text(entry), "text", entry.docname, entry.anchor, 2

    def get_full_qualified_name(self, node: Element) -> str | None:
        """References are by permanent ID, already fully qualified."""
        return node.get("reftarget")

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        """Link to the identity; without an explicit title, show its title."""
        entry = self.find(target.strip())
        if entry is None:
            return None
        if not node.get("refexplicit"):
            contnode = nodes.inline(entry.title, entry.title, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, entry.docname, entry.anchor, contnode, entry.title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        """IDs are short slugs that would shadow ordinary words under ``any``: opt out."""
        return []


def search_text(entry: Entry) -> str:
    """``title — formula``: what the search index matches title words and formula names against."""
    formula = " ".join((entry.record.get("identity") or "").split())
    return f"{entry.title} — {formula}" if formula else entry.title


def get_domain(env: BuildEnvironment) -> MatrixCalcDomain:
    """The ``mc`` domain of ``env``."""
    domain = env.get_domain(MatrixCalcDomain.name)
    assert isinstance(domain, MatrixCalcDomain)
    return domain


def reread_failing(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Re-read every document that failed or warned, so the failure is reported (and fails) again."""
    domain = get_domain(env)
    failing = {f.docname for f in domain.failures}
    failing.update(e.docname for found in domain.duplicates().values() for e in found)
    return sorted(failing & env.found_docs - removed)


def warn_duplicates(app: Sphinx, env: BuildEnvironment) -> None:
    """An ID is permanent and names one object: warn at every place a duplicate is used."""
    for ident, found in sorted(get_domain(env).duplicates().items()):
        places = ", ".join(f"{env.doc2path(e.docname)}:{e.lineno}" for e in found)
        for entry in found:
            logger.warning(
                f"duplicate identity ID {ident!r} (used at {places})",
                location=(entry.docname, entry.lineno),
                type="matrixcalc",
                subtype="duplicate",
            )


def fail_build(app: Sphinx, exception: Exception | None) -> None:
    """Exit non-zero when any identity failed, even without ``-W``."""
    domain = get_domain(app.env)
    fatal = [failure for failure in domain.failures if failure.fatal]
    if fatal or domain.duplicates():
        app.statuscode = 1
        count = len(fatal) + len(domain.duplicates())
        logger.info(f"matrixcalc: {count} failed check(s) (see the warnings above): the build fails")
