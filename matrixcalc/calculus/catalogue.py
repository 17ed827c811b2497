"""The catalogue's identities: read from the site's pages in a checkout, shipped as data in the package.

``find`` and ``diff`` need the catalogue wherever matrixcalc is installed, and an installed
wheel has no ``docs/``; so the identities are exported to ``matrixcalc/data/catalogue.json``
(ID, page, URL, identity, declarations) and that file ships as package data. The URLs are
relative to the site's address (``catalogue/traces.html#identity-trace-axb``): the repository
names no published address, so none is invented; ``MATRIXCALC_BASE_URL`` (as in ``conf/conf.py``)
makes them absolute. It is
committed rather than generated while the wheel is built: building a wheel then needs neither
Sphinx nor the docs, and ``tests/test_catalogue_data.py`` fails, naming the command that
rewrites it (``python -m matrixcalc.calculus.catalogue``), when a page changed and it did not.
Pages are read with :mod:`matrixcalc.documents`, so an example inside a code fence is never an entry.

The catalogue's derivatives (``d(f, X) == G``, ``jac``, ``hess``) are used by the tests (every
such identity must be reproduced by ``diff``), the benchmark and the simplifier's measurement.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..documents import MODULE_SUFFIX, SUFFIXES, find_blocks
from ..errors import IdentityError
from ..language import parse_identity
from ..language.dims import is_scalar
from ..language.tree import DERIVATIVES

DOCS = Path(__file__).resolve().parents[2] / "docs"
DATA = Path(__file__).resolve().parents[1] / "data" / "catalogue.json"


class CatalogueMissing(Exception):
    """The packaged catalogue data is absent (a broken install): ``find`` cannot answer."""


@dataclass(frozen=True)
class Entry:
    """One identity of a catalogue: where it lives and what it states."""

    id: str
    page: str  # the source file, relative to the documentation root
    url: str  # absolute for the packaged catalogue; file:line for a project's own sources
    identity: str
    where: str
    expect: str  # "true" | "false"


def read_docs(docs: Path, site: bool = False) -> Iterator[Entry]:
    """Every identity in the ``.md``, ``.rst`` (and ``.py`` docstring) files under ``docs``; ``site``:
    URLs are the built site's pages and anchors, else the sources' files and lines."""
    files = [docs] if docs.is_file() else sorted(p for p in docs.rglob("*") if p.suffix in (*SUFFIXES, MODULE_SUFFIX))
    root = docs.parent if docs.is_file() else docs
    for path in files:
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        try:
            blocks = find_blocks(path)
        except (SyntaxError, UnicodeDecodeError):
            continue
        for block in blocks:
            if block.kind != "identity":
                continue
            page = path.relative_to(root).as_posix()
            # a published site's page and anchor; a project's own sources by file and line
            url = f"{page.rsplit('.', 1)[0]}.html#identity-{block.ident}" if site else f"{page}:{block.line}"
            body = " ".join(line.strip() for line in block.body if line.strip())
            expect = block.options.get("expect", "true").strip().lower()
            yield Entry(block.ident, page, url, body, block.where, expect)


def packaged() -> list[Entry]:
    """The catalogue shipped with the package (URLs under ``MATRIXCALC_BASE_URL`` when that is set)."""
    try:
        data = json.loads(DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogueMissing(
            f"the catalogue data {DATA} is missing or unreadable ({error}); reinstall matrixcalc, "
            "or search a project's own pages with --docs PATH"
        ) from None
    base = os.environ.get("MATRIXCALC_BASE_URL", "")
    found = [Entry(**record) for record in data["identities"]]
    if not base:
        return found
    return [dataclasses.replace(e, url=base.rstrip("/") + "/" + e.url) for e in found]


def export(docs: Path = DOCS) -> dict:
    """The packaged data: every identity of the site's pages, with URLs relative to the site's address."""
    return {"identities": [vars(entry) for entry in read_docs(docs, site=True)]}


def entries(docs: Path = DOCS):
    """(page, id, options, body) of every identity directive under ``docs``."""
    for entry in read_docs(docs):
        yield entry.page, entry.id, {"where": entry.where, "expect": entry.expect}, entry.identity


@dataclass(frozen=True)
class Case:
    """One catalogue derivative: diff(expression, wrt, where, kind=kind) must equal ``expected``."""

    id: str
    page: str
    expression: str
    wrt: str
    where: str
    kind: str  # auto | hessian
    layout: str  # denominator | numerator (the Jacobian of a scalar is a row: numerator layout)
    op: str  # d | jac | hess
    expected: str
    identity: str


def cases(docs: Path = DOCS) -> list[Case]:
    """Every ``d``/``jac``/``hess`` side of a true, real catalogue identity whose last side is derivative-free."""
    out = []
    for page, ident, options, body in entries(docs):
        if options.get("expect", "true").strip() == "false":
            continue
        where = options.get("where", "")
        try:
            parsed = parse_identity(body, where)
        except IdentityError:
            continue
        if parsed.is_complex:  # the calculator derives holomorphic complex expressions only; not catalogued
            continue
        last = parsed.sides[-1]
        if any(n.op in DERIVATIVES for n in last.walk()):
            continue
        expected = _side_text(body, parsed, len(parsed.sides) - 1)
        for i, side in enumerate(parsed.sides[:-1]):
            if side.op not in ("d", "jac", "hess") or any(n.op in DERIVATIVES for n in side.args[0].walk()):
                continue
            text = _side_text(body, parsed, i)
            inner = side.args[0]
            expression = text[inner.col - side.col : inner.end - side.col]
            wrt = side.args[1].value
            if side.value:
                wrt = f"vec({wrt})"
            if side.op == "jac" and expression.startswith("vec(") and side.value is True:
                expression = expression[4:-1] if _balanced(expression[4:-1]) else expression
            kind = "hessian" if side.op == "hess" else "auto"
            layout = "numerator" if side.op == "jac" and is_scalar(inner.shape) else "denominator"
            out.append(
                Case(ident, page, expression, wrt, where, kind, layout, side.op, expected, f"{text} == {expected}")
            )
    return out


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += (c == "(") - (c == ")")
        if depth < 0:
            return False
    return depth == 0


def _side_text(body: str, parsed, index: int) -> str:
    side = parsed.sides[index]
    return body[side.col : side.end]


def data_text(data: dict) -> str:
    """The data file's text: one identity per line, so a changed page shows as a changed line."""
    lines = [json.dumps(record, ensure_ascii=False) for record in data["identities"]]
    return '{"identities": [\n' + ",\n".join(lines) + "\n]}\n"


def main() -> None:
    """Rewrite the packaged catalogue from the site's pages."""
    DATA.parent.mkdir(exist_ok=True)
    DATA.write_text(data_text(export()), encoding="utf-8")
    print(f"wrote {DATA}")


if __name__ == "__main__":
    main()
