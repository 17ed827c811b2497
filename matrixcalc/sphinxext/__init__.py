"""Sphinx extension: matrix-calculus identities checked while the site is built.

``identity`` renders an identity from the language (never hand-typed LaTeX) with its verdict,
fails the build at ``file:line`` when a check fails, caches passing verdicts across builds and
exports every identity to ``identities.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError
from sphinx.util.fileutil import copy_asset

from .. import __version__
from ..doccheck.fingerprint import verifier_fingerprint
from ..settings import DEFAULTS, Settings, SettingsError, from_environment
from . import nodes as mc_nodes
from .computed import DerivativeDirective
from .derivations import DerivationDirective
from .directives import IdentityDirective
from .domain import IdentityRole, MatrixCalcDomain, fail_build, reread_failing, warn_duplicates
from .export import fill_citeas, write_export
from .math_role import MathRole
from .pdf import add_entry_labels, book_parts, compact_entries, drop_citeas, summary_widths
from .where import WhereDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

STATIC = Path(__file__).parent / "static"
CACHE_FOLDER = "matrixcalc-cache"


def configure(app: Sphinx, config: Config) -> None:
    """Apply the MATRIXCALC_* environment (matrixcalc.settings) and resolve the cache folder."""
    try:
        settings = from_environment(
            Settings(
                timeout=config.matrixcalc_timeout,
                verify=config.matrixcalc_verify,
                cache_dir=config.matrixcalc_cache_dir,
                no_cache=config.matrixcalc_no_cache,
            )
        )
    except SettingsError as exc:
        raise ConfigError(str(exc)) from None
    config.matrixcalc_timeout = settings.timeout
    config.matrixcalc_verify = settings.verify
    config.matrixcalc_no_cache = settings.no_cache
    if settings.cache_dir:
        cache_dir = Path(settings.cache_dir)
        config.matrixcalc_cache_dir = str(cache_dir if cache_dir.is_absolute() else Path(app.confdir) / cache_dir)
    else:  # beside the doctrees: the build's output, never the source tree
        config.matrixcalc_cache_dir = str(Path(app.doctreedir) / CACHE_FOLDER)


def add_short_names(app: Sphinx, config: Config) -> None:
    """Short names outside the ``mc`` domain, for projects that opt in.

    ``identity``, ``derivation``, ``derivative`` and the ``identity`` role. Off by default: global
    names could collide with another extension's.
    """
    if config.matrixcalc_short_names:
        app.add_directive("identity", IdentityDirective, override=True)
        app.add_directive("derivation", DerivationDirective, override=True)
        app.add_directive("derivative", DerivativeDirective, override=True)
        app.add_role("identity", IdentityRole(warn_dangling=True), override=True)


def copy_static(app: Sphinx, exception: Exception | None) -> None:
    """Copy the stylesheet and script into the HTML output (the user's html_static_path is left alone).

    ``force``: the files are ours, so a newer matrixcalc replaces what an earlier build copied.
    """
    if exception is None and app.builder.format == "html":
        copy_asset(str(STATIC), str(Path(app.outdir) / "_static"), force=True)


def add_assets(app: Sphinx) -> None:
    """Link the stylesheet and the copy-button script from HTML pages."""
    if app.builder.format == "html":
        app.add_css_file("matrixcalc.css")
        app.add_js_file("matrixcalc.js", loading_method="defer")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register config values, nodes, the domain, directives, roles and event handlers."""
    app.add_config_value("matrixcalc_verify", DEFAULTS.verify, "env", types=frozenset({bool}))
    app.add_config_value("matrixcalc_timeout", DEFAULTS.timeout, "env", types=frozenset({float, int}))
    app.add_config_value("matrixcalc_cache_dir", DEFAULTS.cache_dir, "", types=frozenset({str}))
    app.add_config_value("matrixcalc_no_cache", DEFAULTS.no_cache, "", types=frozenset({bool}))
    app.add_config_value("matrixcalc_base_url", "", "html", types=frozenset({str}))
    app.add_config_value("matrixcalc_site_version", "", "html", types=frozenset({str}))
    app.add_config_value("matrixcalc_short_names", False, "env", types=frozenset({bool}))
    app.add_config_value("matrixcalc_numeric_only", "warn", "env", types=frozenset({str}))  # "warn" | "ok"
    app.add_config_value("matrixcalc_cite_as", True, "html", types=frozenset({bool}))
    app.add_config_value("matrixcalc_fingerprint", verifier_fingerprint(), "env", types=frozenset({str}))

    for node_class in (mc_nodes.details, mc_nodes.summary, mc_nodes.copy_button, mc_nodes.citeas):
        app.add_node(node_class, **mc_nodes.translators(node_class))

    app.add_domain(MatrixCalcDomain)
    app.add_directive_to_domain(MatrixCalcDomain.name, "identity", IdentityDirective)
    app.add_directive_to_domain(MatrixCalcDomain.name, "derivation", DerivationDirective)
    app.add_directive_to_domain(MatrixCalcDomain.name, "derivative", DerivativeDirective)  # matrixcalc.calculus
    app.add_directive_to_domain(MatrixCalcDomain.name, "where", WhereDirective)
    app.add_role_to_domain(MatrixCalcDomain.name, "math", MathRole())  # math in prose (math_role.py)

    app.connect("config-inited", configure)
    app.connect("config-inited", add_short_names)
    app.connect("builder-inited", add_assets)
    app.connect("env-get-outdated", reread_failing)
    app.connect("env-check-consistency", warn_duplicates)
    app.connect("doctree-resolved", fill_citeas)
    app.connect("doctree-resolved", add_entry_labels)
    app.connect("doctree-resolved", drop_citeas)
    app.connect("doctree-resolved", compact_entries)  # after drop_citeas: the PDF's dense entries
    app.connect("doctree-resolved", summary_widths, priority=900)  # after the site fills its summary tables
    app.connect("doctree-resolved", book_parts)  # the PDF's chapters and parts
    app.add_latex_package("adjustbox")  # the PDF's formulas shrink to the line (pdf.fitted)
    app.add_latex_package("multicol")  # the kernel's rules in two columns (pdf.in_columns)
    app.connect("build-finished", copy_static)
    app.connect("build-finished", write_export)
    app.connect("build-finished", fail_build)

    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
