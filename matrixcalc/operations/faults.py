"""Why a random point was not used by the numeric check: the sides are undefined there, or the numbers
cannot be trusted. Raised by the records' numeric rules (``arrays``), caught by ``matrixcalc.numeric``."""


class Undefined(ArithmeticError):
    """A side is not defined at this point (log of a non-positive number, det <= 0 under logdet)."""


class IllConditioned(ArithmeticError):
    """The point is too close to a singularity for a trustworthy comparison; redraw."""
