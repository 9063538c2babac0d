"""What a phone needs to study a course with no network."""
from dataclasses import dataclass, field
from pathlib import Path

from flask import url_for

from lms.models import Course, MediaAsset
from lms.services import catalog
from lms.services.media import relative_name

# A lesson page is a few KB once compressed; used only to say roughly how much a download costs.
PAGE_BYTES = 4096


@dataclass
class OfflinePlan:
    course: Course
    lessons: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)

    @property
    def bytes(self) -> int:
        return PAGE_BYTES * (len(self.lessons) + 1) + sum(f["bytes"] for f in self.files)


def picture_width(asset: MediaAsset, need: int) -> int:
    """The width a browser picks from the srcset for `need` device pixels: the smallest that is enough, else the largest."""
    widths = [int(w) for w in asset.widths.split(",")]
    return next((w for w in widths if w >= need), widths[-1])


def course_plan(course: Course, need: int, media_root: Path, media_url: str) -> OfflinePlan:
    """Every lesson page of a course with the pictures (at the width this phone uses) and sounds it shows."""
    plan = OfflinePlan(course)
    seen = set()

    def add(name: str):
        if name not in seen:
            seen.add(name)
            path = media_root / name
            plan.files.append({"url": media_url + name, "bytes": path.stat().st_size if path.exists() else 0})

    for lesson in catalog.course_lessons(course.id):
        version = lesson.published_version
        plan.lessons.append({"id": lesson.id, "version": version.id,
                             "url": url_for("learn.lesson", lesson_id=lesson.id)})
        for item in version.media:
            asset = item.asset
            if asset.kind == "image":
                add(relative_name(asset.sha256, f"-{picture_width(asset, need)}.webp"))
        sounds = [version.narration] + [q.audio for q in version.questions] + [
            c.audio for q in version.questions for c in q.choices] + [item.audio for item in version.media]
        for sound in sounds:
            if sound is not None and (lesson.machine_voice or not sound.machine_voice):
                add(relative_name(sound.sha256, f".{sound.extension}"))
    return plan
