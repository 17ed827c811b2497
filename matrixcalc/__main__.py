"""``python -m matrixcalc``: the same command line as the ``matrixcalc`` script."""

from .cli import main

raise SystemExit(main())
