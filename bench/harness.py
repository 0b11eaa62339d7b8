"""Start gunicorn on the benchmark database, drive it with wrk, and read the figures."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WRK_SCRIPT = Path(__file__).with_name("report.lua")


@dataclass(frozen=True)
class Load:
    """What wrk measured for one URL."""

    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    """Serve the bench app with `workers` sync workers on a loopback port; yield its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
            f"127.0.0.1:{port}", "--log-level", "warning", "bench.server:create_bench_app()",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/bare")
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def wrk(
    url: str,
    seconds: int = 5,
    connections: int = 16,
    headers: dict | None = None,
    form: str | None = None,
) -> Load:
    """Load `url` with wrk (2 threads), GET or POST of `form`; throughput and latency."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    script = WRK_SCRIPT.read_text()
    if form is not None:
        script = (
            f'wrk.method = "POST"\nwrk.body = "{form}"\n'
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n' + script
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", lua.name, url]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = dict(re.findall(r"^(\w+) ([\d.]+)$", output, re.MULTILINE))
    errors = int(figures["errors"])
    if errors:
        print(f"# {url}: {errors} requests failed or answered an error status", flush=True)
    return Load(
        requests_per_second=float(figures["rps"]),
        p50_ms=float(figures["p50"]) / 1000,
        p95_ms=float(figures["p95"]) / 1000,
        p99_ms=float(figures["p99"]) / 1000,
        errors=errors,
    )


def report(name: str, value: float, target: str) -> None:
    """One figure per line: `name value target`."""
    shown = f"{value:.0f}" if value >= 100 else f"{value:.3g}"
    print(f"{name} {shown} {target}", flush=True)
