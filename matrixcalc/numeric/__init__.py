"""Numeric check: both sides evaluated with numpy at random points and several sizes."""

from ..operations.faults import IllConditioned, Undefined
from .check import NumericResult, check_numeric
from .evaluate import Evaluator

__all__ = ["Evaluator", "IllConditioned", "NumericResult", "Undefined", "check_numeric"]
