extensions = ["myst_parser", "matrixcalc.sphinxext"]
project = "matrixcalc-test"
matrixcalc_timeout = 0.0001  # the symbolic check times out: both entries are numeric-only
