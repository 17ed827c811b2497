"""A fingerprint of the verifier, so a cached verdict only stands for the code that produced it."""

from __future__ import annotations

import functools
import hashlib
import platform
from importlib.metadata import version
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def verifier_fingerprint(root: Path = PACKAGE_ROOT) -> str:
    """sha256 of every matrixcalc source file outside ``sphinxext``, path and content."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] == "sphinxext":
            continue
        digest.update(relative.as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def library_versions() -> dict[str, str]:
    """The versions a verdict depends on besides our own code (read without importing them)."""
    return {
        "numpy": version("numpy"),
        "sympy": version("sympy"),
        "python-flint": version("python-flint"),  # sympy's ground types and our exact rationals
        "python": platform.python_version(),
    }
