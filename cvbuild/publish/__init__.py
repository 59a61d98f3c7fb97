"""The publish stage: put rendered bytes where they belong, safely.

:mod:`.folder` writes into an output folder (``-o``) or reports what is stale (``--check``);
:mod:`.site` publishes into a website; :mod:`.stamp` lets the pre-commit hook skip a render
when nothing changed. This face imports nothing: the hook's fast path passes through it.
"""
