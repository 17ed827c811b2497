extensions = ["myst_parser", "matrixcalc.sphinxext"]
project = "matrixcalc-test"
release = "0.0.1"
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
