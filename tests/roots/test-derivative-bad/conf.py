extensions = ["myst_parser", "matrixcalc.sphinxext"]
project = "matrixcalc-test"
release = "0.0.1"
matrixcalc_base_url = "https://example.org/site"
matrixcalc_short_names = True
