"""An outside project: reST and MyST pages, its own theme, only the one line matrixcalc asks for."""

extensions = ["myst_parser", "matrixcalc.sphinxext"]
project = "outside"
html_theme = "alabaster"
