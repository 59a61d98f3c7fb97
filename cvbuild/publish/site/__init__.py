"""Publishing the CV into a personal website: the PDF where the site expects it, plus the link.

One module per site kind (:mod:`.academicpages`, :mod:`.alfolio`, :mod:`.hugo`,
:mod:`.generic`), each a :class:`~.kinds.SiteKind` listed in :data:`.registry.SITE_KINDS`;
:mod:`.detect` tells the kinds apart, :mod:`.publish` renders, plans, guards and writes,
:mod:`.config` reads the hook's settings. This face imports nothing (the hook's fast path).
"""
