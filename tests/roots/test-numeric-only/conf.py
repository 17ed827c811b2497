extensions = ["myst_parser", "matrixcalc.sphinxext"]
project = "matrixcalc-test"
