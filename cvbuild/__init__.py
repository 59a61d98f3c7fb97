"""cvbuild: an academic CV compiler.

Pipeline, one direction: ``load`` (read inputs) → ``model`` (validated profile) → ``resolve``
(dates, sorting, markdown) → ``html`` (Jinja2 theme) → ``pdf`` (WeasyPrint) → ``publish``
(files on disk). :mod:`cvbuild.build` strings the stages together; the CLI only calls it.
"""

__version__ = "0.1.0"
