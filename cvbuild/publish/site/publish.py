"""Render a profile and publish it into a site: plan every file in memory, guard, then write.

Everything is rendered in memory first, then every target is checked (inside the site,
writable, not a file the user wrote), and only then written: a bad target leaves the site as
it was. The pre-commit hook first asks the stamp (:mod:`cvbuild.publish.stamp`) whether
anything changed; that no-op case imports neither WeasyPrint nor the profile model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...errors import Problem, UsageError, Warnings
from ...util.dates import date_ingredients
from ...util.links import is_safe_link, shown_link
from .. import stamp as stamps
from .detect import Detection, choose_kind
from .guard import check_relative, guard
from .kinds import SiteFiles, SiteOptions
from .registry import SITE_KINDS


@dataclass
class SiteResult:
    detection: Detection
    targets: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)  # written, or stale in check mode
    fresh_by_stamp: bool = False
    notes: list[str] = field(default_factory=list)
    warnings: Warnings = field(default_factory=Warnings)


def _job(profile: Path, root: Path, detection: Detection, options: SiteOptions) -> dict[str, object]:
    return {
        "mode": "site",
        "profile": str(profile.resolve()),
        "site": str(root),
        "kind": detection.kind,
        "pdf_path": options.pdf_path,
        "link_base": options.link_base,
        "html_page": options.html_page,
        "theme": options.theme,
        "allow_network": options.allow_network,
    }


def publish_site(
    profile: Path, site: Path, options: SiteOptions, *, check: bool = False, use_stamp: bool = True
) -> SiteResult:
    """Render ``profile`` and put it into the site at ``site``; with ``check``, only report stale files."""
    root = site.resolve()
    check_relative("--pdf-path", options.pdf_path)
    if options.link_base is not None and not is_safe_link(options.link_base):  # the settings files check it too
        raise UsageError(
            Problem(
                f"--link-base '{shown_link(options.link_base)}' is not a web address",
                hint="e.g. https://me.example.org/ or /",
            )
        )
    detection = choose_kind(root, options)
    job = _job(profile, root, detection, options)
    where = stamps.stamp_path(job, root)
    previous = stamps.read_stamp(where)
    if use_stamp and previous is not None and stamps.is_fresh(previous, job):
        return SiteResult(detection, [Path(p) for p in previous.outputs], fresh_by_stamp=True)

    from ...pipeline import BuildOptions, build  # the slow path: loads the model, maybe WeasyPrint
    from ...util.files import same_bytes, write_all

    formats = ("pdf", "html") if options.html_page else ("pdf",)
    built = build(profile, BuildOptions(formats=formats, theme=options.theme, allow_network=options.allow_network))
    inputs = [p.resolve() for p in built.inputs]
    date_key = date_ingredients(inputs)
    files = SiteFiles(built.files["pdf"], built.files.get("html"), built.updated, built.loaded.profile.locale, inputs)
    plan = SITE_KINDS[detection.kind].plan(root, files, options)
    guard(root, plan.targets, options.force, previous.outputs if previous else {})
    notes = [*built.loaded.notes, *plan.notes]
    result = SiteResult(detection, [t.path for t in plan.targets], notes=notes, warnings=built.warnings)
    data = {t.path: t.data for t in plan.targets}
    if check:
        result.changed = [p for p, content in data.items() if not same_bytes(p, content)]
        return result
    result.changed = write_all(data)
    stamps.save_stamp(where, stamps.make_stamp(job, inputs, built.theme_dirs, data, date_key))
    return result
