"""The media pipeline: checked by content, cleaned, resized, stored under content hashes."""
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from lms.models import MediaAsset
from lms.services import media
from tests.conftest import BASIC_PACK, FIXTURES

IMAGES = FIXTURES / "images"
PNG = BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.png"
OGG = BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.ogg"


@pytest.fixture
def root(app, db):
    return Path(app.config["LMS_MEDIA_DIR"])


def test_a_picture_is_stored_with_webp_and_jpeg_at_each_width(root, db):
    asset = media.store_image(PNG.read_bytes(), root)
    assert (asset.width, asset.height, asset.widths) == (800, 500, "360,720,800")
    folder = root / asset.sha256[:2]
    for width in (360, 720, 800):
        with Image.open(folder / f"{asset.sha256}-{width}.webp") as webp:
            assert webp.format == "WEBP" and webp.width == width
        with Image.open(folder / f"{asset.sha256}-{width}.jpg") as jpg:
            assert jpg.format == "JPEG" and jpg.width == width
    assert (folder / f"{asset.sha256}.png").read_bytes() == PNG.read_bytes()


def test_the_same_picture_twice_is_stored_once(root, db):
    first = media.store_image(PNG.read_bytes(), root)
    second = media.store_image(PNG.read_bytes(), root)
    assert first.id == second.id
    assert db.session.scalar(select(func.count()).select_from(MediaAsset)) == 1


def test_gps_and_other_exif_are_removed_and_the_rotation_applied(root, db):
    asset = media.store_image((IMAGES / "gps.jpg").read_bytes(), root)
    assert (asset.width, asset.height) == (480, 640)  # turned upright
    folder = root / asset.sha256[:2]
    for path in folder.iterdir():
        with Image.open(path) as stored:
            exif = stored.getexif()
            assert not exif.get_ifd(0x8825) and 0x0112 not in exif, path.name


@pytest.mark.parametrize("name", ["bomb.png", "truncated.jpg", "not-an-image.jpg"])
def test_bad_pictures_are_refused_and_nothing_is_stored(root, db, name):
    with pytest.raises(media.MediaError) as error:
        media.store_image((IMAGES / name).read_bytes(), root)
    assert str(error.value)
    assert not root.exists() or not any(root.rglob("*"))
    assert db.session.scalar(select(func.count()).select_from(MediaAsset)) == 0


def test_narration_is_recognised_by_its_bytes(root, db):
    asset = media.store_audio(OGG.read_bytes(), root)
    assert (asset.mime, asset.extension, asset.kind) == ("audio/ogg", "ogg", "audio")
    assert media.audio_type(b"ID3\x04rest") == ("audio/mpeg", "mp3")
    assert media.audio_type(b"\x00\x00\x00\x20ftypM4A ") == ("audio/mp4", "m4a")
    with pytest.raises(media.MediaError):
        media.store_audio(b"<?php echo 1; ?>", root)
