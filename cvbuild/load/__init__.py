"""Readers: each input format becomes a validated :class:`~cvbuild.model.Profile`.

:func:`cvbuild.load.registry.load_profile` picks the reader by the file's suffix; every reader
is one module with one signature, ``read(path, overrides) -> Loaded``. This face stays empty
so that importing one reader does not import them all.
"""
