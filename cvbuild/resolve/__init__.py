"""The resolve stage: a validated profile becomes the view model a theme prints.

:mod:`.view` is the template contract; :mod:`.sections` turns a profile into it,
:mod:`.publications` does the publication rules, :mod:`.names` finds the owner in author
lists and :mod:`.variants` derives a variant's profile before all that.
"""
