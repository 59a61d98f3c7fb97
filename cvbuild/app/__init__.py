"""The app layer: the ``cvbuild`` command and what each of its commands does.

:mod:`.cli` parses options into typed requests and prints results; the work is in the
modules beside it. Nothing here is imported by a lower stage.
"""
