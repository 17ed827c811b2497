extensions = ["myst_parser", "matrixcalc.sphinxext", "matrixcalc_site"]  # the site's extension, from conf/_ext
project = "matrixcalc-test"
release = "0.0.1"
matrixcalc_short_names = True
