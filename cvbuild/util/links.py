"""Which links cvbuild writes: a web page, an email address, a phone number, a relative path, an anchor.

Never ``javascript:``, ``data:``, ``file:`` or anything else a browser or PDF viewer would run
or open: the web CV is published on the user's own domain. One rule for the model's URL
fields, the BibTeX reader and the site settings (standard library only: the hook uses it).
"""

from __future__ import annotations

import re

_SAFE_LINK = re.compile(r"(?i)(https?://|mailto:|tel:|#|/|\.{1,2}/)|[^:]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def is_safe_link(value: str) -> bool:
    """Whether ``value`` may become a link: http(s), mailto, tel, a relative path or an anchor."""
    return not _CONTROL.search(value) and bool(_SAFE_LINK.match(value.strip()))


def shown_link(value: str) -> str:
    """``value`` fit for a message: control characters visible, at most 80 characters."""
    return _CONTROL.sub("?", value)[:80]
