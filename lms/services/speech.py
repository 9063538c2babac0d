"""A machine voice for learners who cannot read yet, behind one seam.

The engine is espeak-ng (Debian package `espeak-ng`), whose Vietnamese voices model the six tones,
encoded to small Ogg/Opus files by `opusenc` (Debian package `opus-tools`). Both run offline. The
PyPI engines that were considered (vntts, korvatts) download their model weights at run time, which
a commune office without internet cannot do. Without the programs, lessons simply have no machine voice.
"""
import hashlib
import os
import posixpath
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Protocol

from sqlalchemy import select

from lms.models.base import utcnow

ENGINE_VERSION = "1"


class Engine(Protocol):
    name: str

    def synthesize(self, text: str, language: str) -> Optional[bytes]:
        """Ogg/Opus speech for the text, or None when this language has no voice."""


@dataclass(frozen=True)
class Espeak:
    """espeak-ng's Northern Vietnamese voice (the variety of the national textbooks), a little slower than default."""

    voice: str = "vi"
    words_per_minute: int = 130
    bitrate_kbps: int = 16
    name: str = "espeak-ng"

    def synthesize(self, text: str, language: str) -> Optional[bytes]:
        if not language.startswith("vi"):
            return None
        wav = subprocess.run(["espeak-ng", "-v", self.voice, "-s", str(self.words_per_minute), "--stdout", text],
                             capture_output=True, check=True, timeout=120).stdout
        return subprocess.run(["opusenc", "--quiet", "--speech", "--bitrate", str(self.bitrate_kbps), "-", "-"],
                              input=wav, capture_output=True, check=True, timeout=120).stdout

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}|{ENGINE_VERSION}|{self.voice}|{self.words_per_minute}|"
                              f"{self.bitrate_kbps}|{text}".encode()).hexdigest()


def available_engine(name: str) -> Optional[Espeak]:
    """The configured engine if its programs are installed; None turns the machine voice off."""
    if name == "espeak-ng" and shutil.which("espeak-ng") and shutil.which("opusenc"):
        return Espeak()
    return None


_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"^\s{0,3}(#{1,6}|[-*+]|>)\s+|[*_`|]", re.M)


def speakable(title: str, markdown: str) -> str:
    """What the voice reads: the title, then the text; pictures are read by their description."""
    text = _IMAGE.sub(lambda m: f"\n({m.group(1)}.)\n" if m.group(1) else "", markdown)
    text = _MARKS.sub(" ", _LINK.sub(r"\1", text))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # Lines without an end mark (headings, list items) get one, so the voice pauses between them.
    lines = [line if line[-1] in ".!?:…)»\"" else line + "." for line in lines]
    return "\n".join([title.rstrip(".") + "."] + lines)


# --- giving lessons a voice ----------------------------------------------------------------------

def _clips_wanted(lesson, version) -> list[tuple[object, str, str]]:
    """(owner, attribute, text) for everything of a version that should speak and does not yet."""
    from lms.services.packs import IMAGE

    wanted = []
    if version.narration_id is None:
        wanted.append((version, "narration", speakable(version.title, version.markdown)))
    # Each picture of the text says its description (alt text), as the narration reads it.
    descriptions: dict[str, str] = {}
    for alt, href in IMAGE.findall(version.markdown):
        descriptions.setdefault(posixpath.normpath(href), alt.strip())
    for item in version.media:
        if item.audio_id is None and item.asset.kind == "image" and descriptions.get(item.path):
            wanted.append((item, "audio", descriptions[item.path]))
    for question in version.questions:
        if question.audio_id is None:
            wanted.append((question, "audio", question.text))
        for choice in question.choices:
            if choice.audio_id is None:
                wanted.append((choice, "audio", choice.text))
    return wanted


def give_voice(lessons, engine: Optional[Espeak], media_root: Path, cache_dir: Path) -> int:
    """Give the published versions of these lessons a machine voice where they have no recorded one.

    Clips are made in parallel (the engine is a separate program), kept in a file cache by what they say,
    and stored once as media. Returns how many clips were attached."""
    from lms.extensions import db
    from lms.models import MediaAsset
    from lms.services import media

    if engine is None:
        return 0
    jobs = [(lesson, owner, attribute, text, lesson.published_version.language)
            for lesson in lessons if lesson.machine_voice and lesson.published_version is not None
            for owner, attribute, text in _clips_wanted(lesson, lesson.published_version) if text.strip()]
    if not jobs:
        return 0
    cache_dir.mkdir(parents=True, exist_ok=True)
    keys = {text: engine.key(text) for *_, text, _ in jobs}

    def make(job):
        *_, text, language = job
        path = cache_dir / f"{keys[text]}.ogg"
        if not path.exists():
            audio = engine.synthesize(text, language)
            if audio is None:
                return None
            tmp = path.with_suffix(".part")
            tmp.write_bytes(audio)
            tmp.replace(path)
        return path

    unique = {job[3]: job for job in jobs}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        files = dict(zip(unique, pool.map(make, unique.values())))
    attached = 0
    for lesson, owner, attribute, text, _ in jobs:
        if files.get(text) is None:
            continue
        lesson.updated_at = utcnow()  # the lesson page shows the new clip (lms/learn/parts.py)
        asset = db.session.scalar(select(MediaAsset).where(MediaAsset.source_key == keys[text]))
        if asset is None:
            asset = media.store_audio(files[text].read_bytes(), media_root)
            asset.machine_voice, asset.source_key = True, keys[text]
        setattr(owner, attribute, asset)
        attached += 1
    db.session.flush()
    return attached


def voicer(config: dict):
    """What an import calls to give lessons a machine voice, as the settings say; None when there is no engine."""
    engine = available_engine(config["LMS_SPEECH_ENGINE"])
    if engine is None:
        return None
    kinds = set(config["LMS_MACHINE_VOICE_KINDS"])

    def voice(lessons) -> int:
        chosen = [lesson for lesson in lessons if lesson.course.programme.kind.value in kinds]
        return give_voice(chosen, engine, Path(config["LMS_MEDIA_DIR"]), Path(config["LMS_SPEECH_CACHE_DIR"]))
    return voice
