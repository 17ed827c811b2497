"""Shared pytest setup: Sphinx's testing fixtures (``app``, ``make_app``) for the extension tests."""

pytest_plugins = ("sphinx.testing.fixtures",)
