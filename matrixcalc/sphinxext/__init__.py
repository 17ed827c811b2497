"""Sphinx extension: matrix-calculus identities checked while the site is built.

``identity`` renders an identity from the language (never hand-typed LaTeX) with its verdict,
fails the build at ``file:line`` when a check fails, caches passing verdicts across builds and
exports every identity to ``identities.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import coverage
from . import nodes as mc_nodes
from .computed import add_derivative_directive
from .derivations import add_derivation_directive
from .directives import IdentityDirective
from .domain import IdentityRole, MatrixCalcDomain, fail_build, reread_failing, warn_duplicates
from .export import fill_citeas, write_export
from .fingerprint import verifier_fingerprint

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

STATIC = Path(__file__).parent / "static"
CACHE_DEFAULT = Path(".cache") / "matrixcalc"


def configure(app: Sphinx, config: Config) -> None:
    """Resolve the cache folder (default beside conf.py, outside the build) and add our static files."""
    cache_dir = Path(config.matrixcalc_cache_dir or CACHE_DEFAULT)
    config.matrixcalc_cache_dir = str(cache_dir if cache_dir.is_absolute() else Path(app.confdir) / cache_dir)
    # here rather than at builder-inited, so the pickled config matches and no build looks "changed"
    config.html_static_path.append(str(STATIC))


def add_assets(app: Sphinx) -> None:
    """Link the stylesheet and the copy-button script from HTML pages."""
    if app.builder.format == "html":
        app.add_css_file("matrixcalc.css")
        app.add_js_file("matrixcalc.js", loading_method="defer")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register config values, nodes, the domain, directives, roles and event handlers."""
    app.add_config_value("matrixcalc_verify", True, "env", types=frozenset({bool}))
    app.add_config_value("matrixcalc_timeout", 20.0, "env", types=frozenset({float, int}))
    app.add_config_value("matrixcalc_cache_dir", "", "", types=frozenset({str}))
    app.add_config_value("matrixcalc_base_url", "", "html", types=frozenset({str}))
    app.add_config_value("matrixcalc_site_version", "", "html", types=frozenset({str}))
    app.add_config_value("matrixcalc_fingerprint", verifier_fingerprint(), "env", types=frozenset({str}))

    for node_class in (mc_nodes.details, mc_nodes.copy_button, mc_nodes.citeas):
        app.add_node(node_class, **mc_nodes.translators(node_class))

    app.add_domain(MatrixCalcDomain)
    app.add_directive_to_domain(MatrixCalcDomain.name, "identity", IdentityDirective)
    app.add_directive("identity", IdentityDirective)
    add_derivation_directive(app)
    add_derivative_directive(app)  # computed derivatives (matrixcalc.calculus)
    app.add_role("identity", IdentityRole(warn_dangling=True))
    for placeholder in coverage.PLACEHOLDERS:
        app.add_node(placeholder)
    app.add_directive("cookbook-coverage", coverage.CoverageDirective)
    app.add_directive("errata", coverage.ErrataDirective)
    app.add_directive("catalogue-stats", coverage.StatsDirective)

    app.connect("config-inited", configure)
    app.connect("builder-inited", add_assets)
    app.connect("env-get-outdated", reread_failing)
    app.connect("env-check-consistency", warn_duplicates)
    app.connect("doctree-resolved", fill_citeas)
    app.connect("doctree-resolved", coverage.fill_summaries)
    app.connect("build-finished", write_export)
    app.connect("build-finished", fail_build)

    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
