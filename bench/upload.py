"""Benchmark: a teacher's 12-megapixel phone photo, from upload to ready, and what a learner's phone downloads of it.

Run with `make bench` (or `python bench/upload.py [--runs N]`). Builds a throwaway SQLite instance with a center,
a teacher and a draft lesson; makes 4000×3000 JPEG photos like a phone's (a gradient with sensor-like noise,
EXIF with GPS position, camera model and a rotation to apply); uploads each through the editor's picture route
(`POST /author/lessons/<id>/pictures`, as editor.js does) and times the request: reading the upload, checking it,
removing EXIF/GPS, turning it upright, resizing to 360/720/1080 px, encoding WebP and JPEG, storing, recording.
The network is not in the figure (on a phone it comes on top: the photo's bytes over the teacher's connection).
Then reports the bytes of each stored file, and the one a learner's phone (360 css px, 2× density) downloads:
the 720-px WebP its browser picks from the srcset.
"""
import argparse
import io
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WIDTH, HEIGHT = 4000, 3000


def phone_photo() -> bytes:
    """A 12-megapixel JPEG with a phone's EXIF: GPS position, camera, date, and 'rotate 90°' (a portrait shot)."""
    from PIL import Image, ImageChops
    red = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    green = Image.linear_gradient("L").rotate(90).resize((WIDTH, HEIGHT))
    blue = Image.radial_gradient("L").resize((WIDTH, HEIGHT))
    noise = Image.effect_noise((WIDTH, HEIGHT), 18)  # sensor noise: random, so every photo is a new file
    channels = [ImageChops.add(ImageChops.multiply(c, Image.new("L", c.size, 200)), noise, scale=1.35, offset=-60)
                for c in (red, green, blue)]
    photo = Image.merge("RGB", channels)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Samsung", "Galaxy A05"    # make, model
    exif[0x0112] = 6                                          # orientation: rotate 90° clockwise to view
    exif[0x0132] = "2026:11:20 19:42:05"
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 30.0)}  # GPS: a commune near Hà Nội
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="lms-bench-upload-"))
    os.environ.update(LMS_INSTANCE_PATH=str(tmp), LMS_SPEECH_ENGINE="none", LMS_SEARCH_DIR=str(tmp / "search"))
    from flask_migrate import upgrade
    from PIL import Image

    from lms import create_app
    from lms.extensions import db
    from lms.models import Center, Commune, MediaAsset, Programme, ProgrammeKind, Province, Role
    from lms.services import accounts, authoring, offline
    from lms.services.authoring import CourseInput

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite3'}", "LMS_MEDIA_DIR": tmp / "media"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        province = Province(code="01", name="Hà Nội")
        commune = Commune(code="00001", name="Xã Thử", province=province)
        center = Center(code="TT1", name="Trung tâm thử", commune=commune)
        programme = Programme(slug="nhu-cau", kind=ProgrammeKind.NEEDS, title="Theo nhu cầu")
        db.session.add_all([province, commune, center, programme])
        db.session.commit()
        teacher = accounts.create_user(username="giaovien", display_name="Giáo viên", role=Role.TEACHER,
                                       secret="password-123", center_id=center.id)
        db.session.commit()
        course = authoring.create_course(teacher, programme.id, CourseInput(title="Trồng lúa"))
        lesson_id = authoring.create_lesson(teacher, course, "Gieo mạ").id

    # Each request in its own app context, as on a server.
    client = app.test_client()
    login = client.get("/auth/login?mode=staff").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
    client.post("/auth/login?mode=staff", data={"csrf_token": token, "username": "giaovien", "secret": "password-123"})
    photos = [phone_photo() for _ in range(args.runs)]
    timings, answers = [], []
    for n, photo in enumerate(photos):
        started = time.perf_counter()
        response = client.post(f"/author/lessons/{lesson_id}/pictures", headers={"Accept": "application/json"},
                               data={"csrf_token": token, "alt": f"Ruộng mạ {n}",
                                     "picture": (io.BytesIO(photo), "IMG_20261120_194205.jpg")})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.get_data(as_text=True)
        answers.append(response.get_json()["path"])

    with app.app_context():
        stored = []
        for path in answers:
            prefix = re.search(r"media/([0-9a-f]{12})\.", path).group(1)
            asset = db.session.query(MediaAsset).filter(MediaAsset.sha256.startswith(prefix)).one()
            folder = Path(app.config["LMS_MEDIA_DIR"]) / asset.sha256[:2]
            files = {p.name.split(asset.sha256)[1]: p.stat().st_size for p in sorted(folder.glob(f"{asset.sha256}*"))}
            with Image.open(folder / f"{asset.sha256}.{asset.extension}") as original:
                exif_left = len(original.getexif())
            stored.append((asset, files, exif_left))
        phone_width = offline.picture_width(stored[0][0], 720)  # what a 360-css-px phone at 2× density asks for
        learner = [files[f"-{phone_width}.webp"] for _asset, files, _exif in stored]
        asset, files, exif_left = stored[0]
        learner_bytes = int(statistics.median(learner))

    result = {
        "photo": {"pixels": f"{WIDTH}×{HEIGHT}", "upload_bytes_median": int(statistics.median(map(len, photos)))},
        "upload_to_ready_ms": {"median": round(statistics.median(timings)), "min": round(min(timings)),
                               "max": round(max(timings)), "runs": len(timings)},
        "stored": {"size": f"{asset.width}×{asset.height}", "widths": asset.widths, "files": files,
                   "exif_tags_left": max(exif for _a, _f, exif in stored)},
        "learner_phone": {"file": f"-{phone_width}.webp", "bytes_median": learner_bytes, "bytes_each": learner},
        "cpus": os.cpu_count(),
    }
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "upload.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"12-megapixel photo ({WIDTH}×{HEIGHT} JPEG with GPS EXIF, {result['photo']['upload_bytes_median'] / 2**20:.1f} MB) "
          f"uploaded through the editor, {len(timings)} runs on {os.cpu_count()} CPUs:")
    print(f"  upload to ready: median {result['upload_to_ready_ms']['median']} ms "
          f"(min {result['upload_to_ready_ms']['min']}, max {result['upload_to_ready_ms']['max']})")
    print(f"  stored upright as {asset.width}×{asset.height}, {result['stored']['exif_tags_left']} EXIF tags left; "
          f"files of the first photo:")
    for suffix, size in files.items():
        print(f"    {suffix:<10} {size / 1024:8.1f} KB")
    print(f"  a learner's phone (360 css px, 2× density) downloads {result['learner_phone']['file']}: "
          f"median {learner_bytes / 1024:.1f} KB ({', '.join(f'{b / 1024:.1f}' for b in learner)} KB)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(os.environ.get("LMS_INSTANCE_PATH", "/nonexistent"), ignore_errors=True)
