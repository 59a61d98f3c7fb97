"""cvbuild: an academic CV compiler.

The folders name the pipeline, and every import points down it: ``load`` (read any input
format) → ``model`` (the validated profile) → ``resolve`` (the view a theme prints) →
``render`` (HTML with a theme, the PDF with WeasyPrint) → :mod:`cvbuild.pipeline` (bytes, no
writing) → ``publish`` (an output folder, a website) → ``app`` (the command line).
"""

__version__ = "0.1.0"
