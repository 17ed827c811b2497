"""Bounds on input so a hostile or huge identity is rejected at once, before any work."""

MAX_IDENTITY_CHARS = 2000
MAX_WHERE_CHARS = 2000
MAX_NESTING = 40
MAX_NODES = 400
MAX_LITERAL_SIZE = 10
MAX_MATRIX_POWER = 12
MAX_DECLARATIONS = 26
