"""Pictures and sounds: checked by content, cleaned, resized and stored under content-hashed names."""
import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _
from PIL import Image, ImageOps
from sqlalchemy import select

from lms.extensions import db
from lms.models import MediaAsset

# A phone at 360 css px and 2x density wants 720; 1080 for tablets and laptops.
IMAGE_WIDTHS = (360, 720, 1080)
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_BYTES = 15 * 1024 * 1024
MAX_AUDIO_BYTES = 15 * 1024 * 1024
IMAGE_FORMATS = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg"), "WEBP": ("image/webp", "webp")}


class MediaError(Exception):
    """A file that cannot be used; the message is in the user's language."""


@dataclass(frozen=True)
class StoredFile:
    """Where an asset's files live and how they are named."""

    root: Path
    asset: MediaAsset

    @property
    def folder(self) -> Path:
        return self.root / self.asset.sha256[:2]

    def original(self) -> Path:
        return self.folder / f"{self.asset.sha256}.{self.asset.extension}"


def relative_name(sha256: str, suffix: str) -> str:
    """The path of a stored file under the media root and the media URL, e.g. `ab/ab12…-720.webp`."""
    return f"{sha256[:2]}/{sha256}{suffix}"


def _open_image(data: bytes) -> Image.Image:
    if len(data) > MAX_IMAGE_BYTES:
        raise MediaError(_("The picture is too large (at most %(mb)s MB).", mb=MAX_IMAGE_BYTES // 2**20))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise MediaError(_("This file is not a PNG, JPEG or WebP picture."))
                if probe.width * probe.height > MAX_IMAGE_PIXELS:
                    raise MediaError(_("The picture has too many pixels."))
                probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except MediaError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaError(_("The picture has too many pixels."))
    except Exception:
        raise MediaError(_("This file is not a picture that can be read, or it is damaged."))
    return image


def _needs_cleaning(image: Image.Image) -> bool:
    """Whether the file carries metadata (EXIF, GPS, comments) or a rotation that must be applied."""
    info_keys = set(image.info) - {"dpi", "gamma", "transparency", "jfif", "jfif_version", "jfif_unit",
                                   "jfif_density", "progressive", "progression", "loop", "duration",
                                   "background", "lossless", "srgb", "adobe", "adobe_transform"}
    return bool(info_keys) or bool(image.getexif())


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        _flatten(image).save(out, "JPEG", quality=88, optimize=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", lossless=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white, for JPEG which has no transparency."""
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _resized(image: Image.Image, width: int) -> Image.Image:
    """The picture at `width`: first reduced cheaply (a box filter) to no less than 1.25 times that, then Lanczos.

    A 12-megapixel photo is resized in a tenth of the time of Lanczos alone, to nearly the same bytes."""
    if width == image.width:
        return image
    factor = int(image.width / width / 1.25)
    if factor >= 2:
        image = image.reduce(factor)
    return image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)


def store_image(data: bytes, root: Path) -> MediaAsset:
    """Check, clean and store a picture with its resized WebP and JPEG copies; reuse it if already stored."""
    image = _open_image(data)
    fmt = image.format
    if _needs_cleaning(image):
        image = ImageOps.exif_transpose(image)
        data = _encode(image, fmt)
    sha = hashlib.sha256(data).hexdigest()
    asset = db.session.scalar(select(MediaAsset).where(MediaAsset.sha256 == sha))
    if asset is not None:
        return asset
    mime, extension = IMAGE_FORMATS[fmt]
    widths = sorted({min(w, image.width) for w in IMAGE_WIDTHS})
    asset = MediaAsset(sha256=sha, kind="image", mime=mime, extension=extension, size=len(data),
                       width=image.width, height=image.height, widths=",".join(map(str, widths)))
    folder = root / sha[:2]
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / f"{sha}.{extension}", data)
    source = image
    if source.mode not in ("RGB", "RGBA"):
        source = source.convert("RGBA" if "transparency" in source.info or source.mode in ("LA", "PA") else "RGB")
    for width in widths:
        resized = _resized(source, width)
        out = io.BytesIO()
        # Method 6 squeezes a few more percent out of the widths phones download; above 720 it costs seconds.
        resized.save(out, "WEBP", quality=80, method=6 if width <= 720 else 5)
        _write(folder / f"{sha}-{width}.webp", out.getvalue())
        out = io.BytesIO()
        _flatten(resized).save(out, "JPEG", quality=80, optimize=True, progressive=True)
        _write(folder / f"{sha}-{width}.jpg", out.getvalue())
    db.session.add(asset)
    db.session.flush()
    return asset


AUDIO_SIGNATURES = (
    (b"OggS", 0, "audio/ogg", "ogg"),
    (b"ID3", 0, "audio/mpeg", "mp3"),
    (b"ftyp", 4, "audio/mp4", "m4a"),
    (b"\x1a\x45\xdf\xa3", 0, "audio/webm", "webm"),  # what Chromium's MediaRecorder records (Opus in WebM)
)


def audio_type(data: bytes) -> tuple[str, str] | None:
    """The MIME type and extension of Ogg, MP3, M4A or (recorded in a browser) WebM audio, judged by the bytes, or None."""
    for magic, offset, mime, extension in AUDIO_SIGNATURES:
        if data[offset:offset + len(magic)] == magic:
            return mime, extension
    if len(data) > 2 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0:  # MPEG frame without ID3 tag
        return "audio/mpeg", "mp3"
    return None


def store_audio(data: bytes, root: Path) -> MediaAsset:
    """Check and store a narration file; reuse it if already stored."""
    if len(data) > MAX_AUDIO_BYTES:
        raise MediaError(_("The sound file is too large (at most %(mb)s MB).", mb=MAX_AUDIO_BYTES // 2**20))
    kind = audio_type(data)
    if kind is None:
        raise MediaError(_("This file is not Ogg, MP3 or M4A sound."))
    sha = hashlib.sha256(data).hexdigest()
    asset = db.session.scalar(select(MediaAsset).where(MediaAsset.sha256 == sha))
    if asset is not None:
        return asset
    mime, extension = kind
    asset = MediaAsset(sha256=sha, kind="audio", mime=mime, extension=extension, size=len(data))
    folder = root / sha[:2]
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / f"{sha}.{extension}", data)
    db.session.add(asset)
    db.session.flush()
    return asset


def original_bytes(asset: MediaAsset, root: Path) -> bytes:
    return StoredFile(root, asset).original().read_bytes()


def _write(path: Path, data: bytes) -> None:
    """Write whole or not at all: a crash never leaves half a file under a content hash."""
    if path.exists():
        return
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
