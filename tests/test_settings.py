"""Settings: defaults, then [tool.matrixcalc], then MATRIXCALC_* variables; bad values name their source."""

from __future__ import annotations

import pytest

from matrixcalc.cli import main
from matrixcalc.settings import DEFAULTS, SettingsError, find_pyproject, from_environment, from_pyproject, load


def test_defaults():
    assert (DEFAULTS.timeout, DEFAULTS.seed, DEFAULTS.verify, DEFAULTS.cache_dir, DEFAULTS.no_cache) == (
        20.0,
        None,
        True,
        "",
        False,
    )


def test_pyproject_then_environment(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.matrixcalc]\ntimeout = 5\nseed = 7\ncache-dir = "cache"\n')
    nested = tmp_path / "docs" / "deep"
    nested.mkdir(parents=True)
    assert find_pyproject(nested) == tmp_path / "pyproject.toml"
    for name in ("MATRIXCALC_TIMEOUT", "MATRIXCALC_SEED", "MATRIXCALC_VERIFY", "MATRIXCALC_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MATRIXCALC_NO_CACHE", "0")
    settings = load(nested)
    assert (settings.timeout, settings.seed, settings.cache_dir, settings.no_cache) == (
        5.0,
        7,
        str(tmp_path / "cache"),
        False,
    )
    monkeypatch.setenv("MATRIXCALC_TIMEOUT", "2.5")
    monkeypatch.setenv("MATRIXCALC_NO_CACHE", "1")
    assert (load(nested).timeout, load(nested).no_cache) == (2.5, True)


def test_no_pyproject_gives_the_defaults():
    assert from_pyproject(None) == DEFAULTS
    assert from_environment(environ={}) == DEFAULTS


@pytest.mark.parametrize(
    "table, message",
    [
        ("timeout = 0", "timeout must be a positive number of seconds"),
        ("timeout = true", "timeout must be a positive number of seconds"),
        ("seed = -1", "seed must be an integer from 0"),
        ("seed = 1.5", "seed must be an integer from 0"),
        ("verify = 'maybe'", "verify must be true or false"),
        ("cache-dir = 3", "cache-dir must be a string"),
        ("tolerance = 1e-3", "unknown setting 'tolerance'"),
    ],
)
def test_bad_pyproject_values_name_the_file_and_setting(tmp_path, table, message):
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.matrixcalc]\n{table}\n")
    with pytest.raises(SettingsError, match=message) as caught:
        from_pyproject(path)
    assert str(path) in str(caught.value)


def test_bad_environment_value_names_the_variable():
    with pytest.raises(
        SettingsError, match="environment variable MATRIXCALC_TIMEOUT: timeout must be a positive number"
    ):
        from_environment(environ={"MATRIXCALC_TIMEOUT": "soon"})


def test_cli_reads_pyproject_and_rejects_bad_settings_with_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MATRIXCALC_TIMEOUT", raising=False)
    (tmp_path / "pyproject.toml").write_text("[tool.matrixcalc]\ntimeout = 'soon'\n")
    assert main(["check", "x == x", "--where", "x: n"]) == 2
    assert "error in settings" in capsys.readouterr().err
    (tmp_path / "pyproject.toml").write_text("[tool.matrixcalc]\nseed = 42\n")
    assert main(["check", "x == x", "--where", "x: n", "--json"]) == 0
    assert '"seed": 42' in capsys.readouterr().out
