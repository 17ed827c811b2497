"""Bounds on input, so a hostile identity is rejected at once, before any work.

Text and tree sizes only guard the parser (an honest identity of 20,000 characters and 5,000
operations is well inside them); what an identity would cost to check is bounded separately,
by ``cost.py``'s estimate of operations and of the degree of exact values.
"""

MAX_IDENTITY_CHARS = 100_000
MAX_WHERE_CHARS = 10_000
MAX_NESTING = 40  # brackets inside brackets
MAX_NODES = 20_000
MAX_LITERAL_SIZE = 10
MAX_MATRIX_POWER = 12
MAX_DECLARATIONS = 26
MAX_OPERATIONS = 2_000_000_000  # predicted scalar operations (cost.py); the catalogue's largest is 3e8
MAX_DEGREE = 2_000  # predicted degree of exact values (cost.py); the catalogue's largest is 105
