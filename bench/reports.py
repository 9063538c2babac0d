"""Benchmark: the province table and a center dashboard at province scale, on SQLite and PostgreSQL.

    python bench/reports.py [--scale 1.0] [--engines sqlite,postgres]

Scale 1.0 is the budget's size: 500 centers, 200,000 learners, about 5,000,000 lesson-progress rows (and as
many progress events). Budget: province table ≤ 500 ms on PostgreSQL (median of five runs).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
BUDGET_MS = 500

TIMER = r"""
import json, statistics, time
from datetime import date
from sqlalchemy import select
from lms import create_app
from lms.extensions import db
from lms.models import Center, Province
from lms.services import reports, stats
app = create_app()
with app.app_context():
    province = db.session.scalar(select(Province).where(Province.code == "DEMO-S"))
    center = db.session.scalar(select(Center).order_by(Center.id.desc()))
    period = stats.Period(date(2026, 1, 1), date(2026, 11, 26))
    settings = stats.Settings()
    province_req = reports.Request(stats.Scope(province_id=province.id), period, stats.Filters(), settings)
    center_req = reports.Request(stats.Scope(center_id=center.id), period, stats.Filters(), settings)
    def dashboard():
        return [reports.summary(center_req), reports.breakdown(center_req, "sex"), reports.monthly(center_req),
                reports.funnel(center_req), reports.mobilisation(center_req)]
    out = {}
    for name, run in (("province", lambda: reports.province(province_req)), ("center", dashboard)):
        run()
        times = []
        for _ in range(5):
            start = time.perf_counter(); run(); times.append((time.perf_counter() - start) * 1000)
        out[name] = {"median": statistics.median(times), "all": times}
    out["centers"] = len(reports.province(province_req).rows)
    print(json.dumps(out))
"""


def run_engine(engine: str, scale: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="lms-bench-reports-") as tmp:
        env = {**os.environ, "LMS_INSTANCE_PATH": tmp, "LMS_SPEECH_ENGINE": "none"}
        server = None
        if engine == "postgres":
            from tests.postgres import TemporaryPostgres
            server = TemporaryPostgres()
            env["LMS_DATABASE_URL"] = server.start()
        try:
            subprocess.run([BIN / "lms", "setup", "--no-demo"], env=env, check=True, capture_output=True)
            started = time.perf_counter()
            made = subprocess.run([BIN / "lms", "demo-data", "--centers", str(int(500 * scale)),
                                   "--learners", str(int(200_000 * scale)), "--progress", str(int(5_000_000 * scale))],
                                  env=env, check=True, capture_output=True, text=True)
            generated = time.perf_counter() - started
            timed = subprocess.run([BIN / "python", "-c", TIMER], env=env, check=True, capture_output=True, text=True)
            result = json.loads(timed.stdout.strip().splitlines()[-1])
            result.update(engine=engine, generate_s=generated, generated=made.stdout.strip())
            return result
        finally:
            if server:
                server.stop()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--engines", default="sqlite,postgres")
    args = parser.parse_args()
    results = []
    for engine in args.engines.split(","):
        print(f"{engine}: generating {args.scale:g} × (500 centers, 200,000 learners, 5,000,000 progress rows)…",
              flush=True)
        results.append(run_engine(engine, args.scale))
        print("  " + results[-1]["generated"], flush=True)
    print(f"\n{'engine':<10} {'generate s':>11} {'province table ms':>18} {'center dashboard ms':>20} {'budget':>8}")
    for r in results:
        print(f"{r['engine']:<10} {r['generate_s']:>11.0f} {r['province']['median']:>18.0f} "
              f"{r['center']['median']:>20.0f} {BUDGET_MS if r['engine'] == 'postgres' else '':>8}")
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "reports.json").write_text(json.dumps(results, indent=1))
    postgres = [r for r in results if r["engine"] == "postgres"]
    return 0 if all(r["province"]["median"] <= BUDGET_MS for r in postgres) else 1


if __name__ == "__main__":
    sys.exit(main())
