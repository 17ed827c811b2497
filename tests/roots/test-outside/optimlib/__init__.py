"""A small optimisation library whose docstrings carry the identities its code relies on."""
