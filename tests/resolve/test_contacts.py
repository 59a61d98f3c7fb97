"""The header's contacts: one per address, each a link a reader can follow."""

from __future__ import annotations

from cvbuild.model import Profile
from cvbuild.resolve.sections import resolve


def _contacts(person: dict[str, object]) -> list[tuple[str, str | None]]:
    cv = resolve(Profile.model_validate({"person": {"name": "Ana Lima", **person}, "sections": []}))
    return [(c.kind, c.url) for c in cv.person.contacts]


def test_a_website_that_is_the_github_profile_shows_once_as_github() -> None:
    shown = _contacts({"website": "https://github.com/analima/", "github": "analima"})
    assert shown == [("github", "https://github.com/analima")]


def test_different_addresses_all_stay() -> None:
    shown = _contacts({"website": "ana.example.org", "github": "analima", "email": "ana@example.org"})
    assert [kind for kind, _ in shown] == ["email", "website", "github"]
