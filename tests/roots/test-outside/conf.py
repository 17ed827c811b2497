"""An outside project: reST and MyST pages, an autodoc page, its own theme, one line for matrixcalc."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the project's own package, documented by autodoc

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "matrixcalc.sphinxext"]
project = "outside"
html_theme = "alabaster"
exclude_patterns = [".pytest_cache"]
