"""``matrixcalc serve``: the built site and a JSON calculator API, for the Compute page.

Split by concern: ``limits`` (what a request may be), ``lanes`` (light or heavy, by the engine's
cost model), ``memo`` (identical requests share one computation), ``tasks`` (the engine calls a
worker runs), ``worker`` (a pool process's life), ``pool`` (a bounded queue in front of processes
that are killed and replaced at their deadline), ``app`` (the Starlette routes) and ``command``
(the CLI entry). Needs the ``serve`` extra: ``pip install 'matrixcalc[serve]'``.
"""
