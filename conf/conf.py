"""Sphinx configuration of the matrixcalc site: ``sphinx-build -c conf docs build/html``.

``conf/`` holds the site's configuration and its own extension (``_ext/matrixcalc_site``:
the Cookbook coverage, errata, statistics, overview tables, the site's BibTeX entry);
``docs/`` holds only pages. Every formula on the site is an ``{identity}`` directive, checked while the page is read.
MathJax 4 and its font are served from the site itself (copied from ``node_modules/mathjax`` and
``node_modules/@mathjax/mathjax-newcm-font``), so a built page loads nothing from another host.
"""

from __future__ import annotations

import os
import shutil
import sys
from importlib.metadata import version as package_version
from pathlib import Path

from sphinx.errors import ConfigError

CONF = Path(__file__).resolve().parent
ROOT = CONF.parent
sys.path.insert(0, str(CONF / "_ext"))  # the site's own extension, matrixcalc_site
MATHJAX_SOURCE = ROOT / "node_modules" / "mathjax"
MATHJAX_FONT = "mathjax-newcm-font"  # MathJax 4's default font, a package of its own
MATHJAX_FONT_SOURCE = ROOT / "node_modules" / "@mathjax" / MATHJAX_FONT
MATHJAX_TARGET = CONF / "_static" / "mathjax"
MATHJAX_ENTRY = "tex-mml-chtml.js"
# Node's entry points and the font's SVG and module builds are never loaded by a page.
MATHJAX_EXCLUDE = ("node-main*", "require.mjs", "*.md", "cjs", "mjs", "svg", "svg.js", "examples", "tsconfig*")

project = "matrixcalc"
author = "the matrixcalc authors"
copyright = "%Y, the matrixcalc authors"  # Sphinx writes the build year (SOURCE_DATE_EPOCH if set)
release = version = package_version("matrixcalc")

extensions = ["myst_parser", "sphinxcontrib.bibtex", "matrixcalc.sphinxext", "matrixcalc_site"]
matrixcalc_short_names = True  # {identity} and {derivation} besides {mc:identity}, {mc:derivation}
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

bibtex_bibfiles = ["../docs/references.bib"]  # relative to this folder
bibtex_default_style = "alpha"
bibtex_reference_style = "author_year"

html_theme = "furo"
html_title = "matrixcalc — machine-checked matrix derivatives"
html_static_path = ["_static"]
html_show_sourcelink = True
html_copy_source = True
html_last_updated_fmt = None
html_theme_options = {"navigation_with_keys": True}
# The Compute page's calculator: active only when `matrixcalc serve` answers (README, "Serving").
html_js_files = [("calculator.js", {"defer": "defer"})]
html_css_files = ["calculator.css"]

# MathJax 4 from this site's own _static folder (relative paths are taken relative to _static).
mathjax_path = f"mathjax/{MATHJAX_ENTRY}"
mathjax4_config = {
    # MathJax 4 fetches its font from a CDN unless told where it is: [mathjax]/fonts/mathjax-newcm-font.
    "loader": {"paths": {"fonts": "[mathjax]/fonts"}},
    # Long display formulas break at =, + and − (as the Cookbook prints them), to just under the width
    # of their box (a glyph may overhang the measured line by a few px).
    "output": {"displayOverflow": "linebreak", "linebreaks": {"inline": True, "width": "97%"}},
}


def published_address() -> str:
    """Where the site is published: MATRIXCALC_BASE_URL (the Pages workflow sets it), else Read the
    Docs' READTHEDOCS_CANONICAL_URL; empty for a local build, whose links stay relative and whose
    "cite as" entries say "local build"."""
    url = os.environ.get("MATRIXCALC_BASE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL") or ""
    return url if not url or url.endswith("/") else url + "/"


# Permalinks, canonical links and the "cite as" entries are built from these.
matrixcalc_base_url = published_address()
matrixcalc_site_version = os.environ.get("MATRIXCALC_SITE_VERSION", version)
# matrixcalc_verify, matrixcalc_timeout, matrixcalc_cache_dir and matrixcalc_no_cache keep the
# extension's defaults (matrixcalc.settings); MATRIXCALC_VERIFY, MATRIXCALC_TIMEOUT,
# MATRIXCALC_CACHE_DIR and MATRIXCALC_NO_CACHE override them for one build.
html_baseurl = matrixcalc_base_url

nitpicky = True


def _needs_copy() -> bool:
    """True when the copy in ``_static`` is missing or older than the installed MathJax."""
    entry = MATHJAX_TARGET / MATHJAX_ENTRY
    source = MATHJAX_SOURCE / MATHJAX_ENTRY
    return not entry.exists() or (source.exists() and source.stat().st_mtime > entry.stat().st_mtime)


def copy_mathjax(app) -> None:
    """Copy MathJax 4 and its font into ``_static/mathjax`` unless an up-to-date copy is there."""
    if app.builder.format != "html" or not _needs_copy():
        return
    if not (MATHJAX_SOURCE / MATHJAX_ENTRY).exists():
        raise ConfigError(
            f"MathJax is missing: {MATHJAX_SOURCE / MATHJAX_ENTRY} not found. "
            "Run `npm ci` in the repository root (or `make site`), which installs mathjax@4 and its font."
        )
    # Copy into a scratch folder, then swap it in: a concurrent build never sees half a copy.
    scratch = ROOT / "build" / "mathjax-copy"  # ignored by git, same file system
    scratch.mkdir(parents=True, exist_ok=True)
    tmp = scratch / f"new.{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    ignore = shutil.ignore_patterns(*MATHJAX_EXCLUDE)
    shutil.copytree(MATHJAX_SOURCE, tmp, ignore=ignore)
    shutil.copytree(MATHJAX_FONT_SOURCE, tmp / "fonts" / MATHJAX_FONT, ignore=ignore)
    old = scratch / f"old.{os.getpid()}"
    if MATHJAX_TARGET.exists():
        os.replace(MATHJAX_TARGET, old)
    try:
        os.replace(tmp, MATHJAX_TARGET)
    except OSError:  # another build swapped its copy in first
        shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def setup(app):
    app.connect("builder-inited", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# The PDF (make pdf): Sphinx's LaTeX builder, XeLaTeX for the Unicode in titles and notes.
latex_engine = "xelatex"
latex_documents = [(root_doc, "matrixcalc.tex", html_title, author, "manual")]
latex_show_urls = "no"
latex_use_xindy = False  # makeindex (TeX Live's own) builds the general index; the index of identities needs neither
latex_elements = {
    "papersize": "a4paper",
    "extraclassoptions": "openany,oneside",
    # As dense as the Cookbook: narrower margins, compact headings, chapters that follow on the same
    # page (titlesec, loaded by Sphinx); a part starts a page of its own but fills it.
    "sphinxsetup": "hmargin={1.5cm,1.5cm}, vmargin={1.5cm,1.5cm}",
    "fncychap": "",
    # DejaVu covers the Unicode of titles and notes (ᵀ, ⁻¹, ₖ, ∂) in every style, mono included.
    "fontpkg": r"""
\setmainfont{DejaVu Serif}
\setsansfont{DejaVu Sans}
\setmonofont{DejaVu Sans Mono}[Scale=0.88]
""",
    "pointsize": "10pt",
    "preamble": r"""
\usepackage{amssymb}
\usepackage{newunicodechar}
\newunicodechar{✗}{{\fontspec{DejaVu Sans}✗}}
\setcounter{tocdepth}{1}
\titleclass{\chapter}{straight}
\titleformat{\chapter}[hang]{\Large\bfseries}{\thechapter}{0.8em}{}
\titlespacing*{\chapter}{0pt}{14pt}{6pt}
\titleclass{\part}{top}
\titleformat{\part}[display]{\centering\LARGE\bfseries}{Part \thepart}{6pt}{}
\titlespacing*{\part}{0pt}{0pt}{18pt}
% An identity in print (matrixcalc.sphinxext.pdf): header, formula, one small paragraph of where and
% sources with the evidence; display math with little space around it, as in the Cookbook.
\newenvironment{sphinxclassmc-entry}{\par\setlength{\parskip}{0pt}%
  \setlength{\abovedisplayskip}{1pt}\setlength{\belowdisplayskip}{1pt}%
  \setlength{\abovedisplayshortskip}{0pt}\setlength{\belowdisplayshortskip}{1pt}}{\par\vspace{2pt}}
\newenvironment{sphinxclassmc-pdf-line}{\footnotesize}{}
\newenvironment{sphinxclassmc-pdf-evidence}{\footnotesize\color{gray}}{}
% The evidence inline, after the where line and the sources (\DUrole{mc-pdf-evidence}{...}).
\expandafter\def\csname DUrolemc-pdf-evidence\endcsname#1{{\color{gray}#1}}
\newenvironment{sphinxclassmc-note}{\small\itshape}{}
% The indexes in three columns (IDs are short): book.cls's theindex sets two with wide gaps.
\makeatletter
\renewenvironment{sphinxtheindex}{\clearpage\phantomsection\addcontentsline{toc}{chapter}{\indexname}%
  \begin{multicols}{3}[\chapter*{\indexname}\markboth{\indexname}{\indexname}]\footnotesize\raggedright
  \parindent\z@\parskip\z@ \@plus .3\p@\relax\let\item\@idxitem}{\end{multicols}}
\makeatother
""",
    "printindex": r"\footnotesize\raggedright\printindex",
}
