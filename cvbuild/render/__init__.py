"""The render stage: a resolved CV and a theme become HTML (:mod:`.html`) and a PDF (:mod:`.pdf`).

:mod:`.pdf` is the only module that imports WeasyPrint (about a second to import), so this
face imports nothing: ``--help``, ``validate`` and the web page never pay for it.
"""
