extensions = ["myst_parser", "matrixcalc.sphinxext"]
project = "matrixcalc-test"
release = "0.0.1"
