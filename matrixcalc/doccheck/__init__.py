"""Checking the entries of documentation, shared by the Sphinx build, the pytest plugin and ``check-docs``.

Nothing here imports Sphinx, so the plugin and the command line work without it: the verdict
cache (:mod:`.cache`), the verifier's fingerprint (:mod:`.fingerprint`), the outcome of one
check (:mod:`.outcome`), the options each directive accepts (:mod:`.options`) and the check of
one collected entry (:mod:`.entry`).
"""
