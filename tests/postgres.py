"""A throwaway PostgreSQL server for the test run, on 127.0.0.1, in a temporary folder."""
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bin_dir() -> Path:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    # initdb and pg_ctl refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class TemporaryPostgres:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="lms-pg-"))
        self.port = _free_port()
        self.bin = _bin_dir()

    def start(self) -> str:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        data = self.dir / "data"
        subprocess.run(_as_postgres([str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "lms",
                                     "-E", "UTF8", "--no-sync"]), check=True, capture_output=True)
        subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "log"), "-w",
                                     "-o", f"-k {self.dir} -h 127.0.0.1 -p {self.port} -c fsync=off", "start"]),
                       check=True, capture_output=True)
        subprocess.run(_as_postgres([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                                     "-U", "lms", "lms_test"]), check=True, capture_output=True)
        return f"postgresql+psycopg://lms@127.0.0.1:{self.port}/lms_test"

    def stop(self) -> None:
        subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "stop"]),
                       capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
