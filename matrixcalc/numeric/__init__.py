"""Numeric check: both sides evaluated with numpy at random points and several sizes."""

from .check import NumericResult, check_numeric
from .evaluate import Evaluator
from .faults import IllConditioned, Undefined

__all__ = ["Evaluator", "IllConditioned", "NumericResult", "Undefined", "check_numeric"]
