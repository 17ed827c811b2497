extensions = ["myst_parser", "matrixcalc.sphinxext"]
project = "matrixcalc-test"
release = "0.0.1"
extensions.append("sphinxcontrib.bibtex")
bibtex_bibfiles = ["references.bib"]
matrixcalc_short_names = True
