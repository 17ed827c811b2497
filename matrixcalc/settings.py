"""The checker's settings, from one place: defaults, ``[tool.matrixcalc]``, then the environment.

The CLI, the pytest plugin and the Sphinx extension read the same settings with the same
defaults, so a project that checks its formulas three ways gets one answer. Later sources win:

1. the defaults below;
2. ``[tool.matrixcalc]`` in the nearest ``pyproject.toml`` at or above the working folder
   (the CLI and the pytest plugin; a Sphinx project sets the ``matrixcalc_*`` config values);
3. the environment: ``MATRIXCALC_TIMEOUT``, ``MATRIXCALC_SEED``, ``MATRIXCALC_VERIFY=0``,
   ``MATRIXCALC_CACHE_DIR``, ``MATRIXCALC_NO_CACHE=1``;
4. a command-line flag, where the front end has one.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """A setting with a value of the wrong kind; the message names the setting and its source."""


@dataclass(frozen=True)
class Settings:
    """What every front end passes to the checker."""

    timeout: float = 20.0  # seconds for the symbolic check of one identity
    seed: int | None = None  # None: each identity's seed is derived from its text
    verify: bool = True  # False: draft mode, nothing is checked (and nothing says it was)
    cache_dir: str = ""  # "": the front end's default (the extension's lives under the build output)
    no_cache: bool = False  # True: check everything afresh and write no cache

    def with_values(self, values: dict[str, Any], source: str) -> Settings:
        """These settings with ``values`` (raw, from ``source``) converted and checked."""
        known = {f.name: f for f in fields(self)}
        changes = {}
        for key, raw in values.items():
            name = key.replace("-", "_")
            if name not in known:
                raise SettingsError(f"{source}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
            changes[name] = CONVERT[name](raw, f"{source}: {key}")
        return replace(self, **changes)


def _timeout(raw: Any, where: str) -> float:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        value = math.nan
    if isinstance(raw, bool) or not 0 < value < math.inf:
        raise SettingsError(f"{where} must be a positive number of seconds, not {raw!r}")
    return value


def _seed(raw: Any, where: str) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = -1
    if isinstance(raw, bool) or isinstance(raw, float) or not 0 <= value < 2**64:
        raise SettingsError(f"{where} must be an integer from 0 to 2**64 - 1, not {raw!r}")
    return value


def _flag(raw: Any, where: str) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{where} must be true or false (1 or 0), not {raw!r}")


def _text(raw: Any, where: str) -> str:
    if not isinstance(raw, str):
        raise SettingsError(f"{where} must be a string, not {raw!r}")
    return raw


CONVERT = {"timeout": _timeout, "seed": _seed, "verify": _flag, "cache_dir": _text, "no_cache": _flag}
ENVIRONMENT = {
    "MATRIXCALC_TIMEOUT": "timeout",
    "MATRIXCALC_SEED": "seed",
    "MATRIXCALC_VERIFY": "verify",
    "MATRIXCALC_CACHE_DIR": "cache_dir",
    "MATRIXCALC_NO_CACHE": "no_cache",
}
DEFAULTS = Settings()


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start``."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def from_pyproject(path: Path | None, base: Settings = DEFAULTS) -> Settings:
    """``base`` updated with ``[tool.matrixcalc]`` of ``path``; a relative cache_dir is taken from its folder."""
    if path is None:
        return base
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: cannot be read as TOML: {exc}") from None
    table = data.get("tool", {}).get("matrixcalc", {})
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [tool.matrixcalc] must be a table")
    settings = base.with_values(table, f"{path} [tool.matrixcalc]")
    given = {key.replace("-", "_") for key in table}
    if "cache_dir" in given and settings.cache_dir and not Path(settings.cache_dir).is_absolute():
        settings = replace(settings, cache_dir=str(path.parent / settings.cache_dir))
    return settings


def from_environment(base: Settings = DEFAULTS, environ: dict[str, str] | None = None) -> Settings:
    """``base`` updated with the ``MATRIXCALC_*`` variables that are set (and not empty)."""
    environ = os.environ if environ is None else environ
    settings = base
    for name, setting in ENVIRONMENT.items():
        if environ.get(name, ""):
            settings = settings.with_values({setting: environ[name]}, f"environment variable {name}")
    return settings


def load(start: Path | None = None) -> Settings:
    """Defaults, then the nearest pyproject.toml's ``[tool.matrixcalc]``, then the environment."""
    return from_environment(from_pyproject(find_pyproject(start or Path.cwd())))
