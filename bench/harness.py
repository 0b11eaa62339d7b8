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
#: A request unanswered after this long counts as failed (wrk's default, 2 s, failed slow but
#: correct answers on a busy machine).
TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class Load:
    """What wrk measured for one URL (or one POST + redirect pair)."""

    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    #: Socket errors and timeouts.
    errors: int
    #: Answers other than expected (status, or a body without the expected text).
    unexpected: int
    first_unexpected: str = "-"

    @property
    def failed(self) -> int:
        return self.errors + self.unexpected


#: The measurements that had failed requests: (figure or URL, Load); `make bench` exits 1.
FAILURES: list[tuple[str, Load]] = []


def parse_wrk(output: str) -> Load:
    """The figures report.lua prints at the end of a wrk run."""
    figures = dict(re.findall(r"^(\w+) (\S+)$", output, re.MULTILINE))
    missing = {"rps", "p50", "p95", "p99", "requests", "errors", "unexpected"} - set(figures)
    if missing:
        raise RuntimeError(f"wrk printed no {', '.join(sorted(missing))}:\n{output}")
    return Load(
        requests_per_second=float(figures["rps"]),
        p50_ms=float(figures["p50"]) / 1000,
        p95_ms=float(figures["p95"]) / 1000,
        p99_ms=float(figures["p99"]) / 1000,
        requests=int(figures["requests"]),
        errors=int(figures["errors"]),
        unexpected=int(figures["unexpected"]),
        first_unexpected=figures.get("first_unexpected", "-"),
    )


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
    expect_status: int = 200,
    expect_body: str | None = None,
    pair: bool = False,
) -> Load:
    """Load `url` with wrk, one connection per thread, GET or POST of `form`.

    Every answer must have `expect_status` (and contain `expect_body`); with `pair`, each POST
    must answer 303 and the GET of its Location is checked instead, one sample per pair.
    A run with any other answer is kept in FAILURES.
    """
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    settings = [
        f"expect_status = {expect_status}",
        f"expect_body = {_lua_string(expect_body) if expect_body else 'nil'}",
        f"pair = {'true' if pair else 'false'}",
    ]
    if form is not None:
        settings += [
            'wrk.method = "POST"',
            f"wrk.body = {_lua_string(form)}",
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
        ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write("\n".join(settings) + "\n" + WRK_SCRIPT.read_text())
    options = ["-s", lua.name, url]
    for name, value in (headers or {}).items():
        options += ["-H", f"{name}: {value}"]
    try:
        # A second of warming up first (each worker's first requests load templates and fonts).
        for duration in (1, seconds):
            command = [
                "wrk", f"-t{connections}", f"-c{connections}", f"-d{duration}s",
                f"--timeout={TIMEOUT_SECONDS}s", *options,
            ]  # fmt: skip
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(lua.name)
    load = parse_wrk(output)
    if load.failed or not load.requests or not load.requests_per_second:
        FAILURES.append((url, load))
    return load


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def report(name: str, value: float, target: str, load: Load | None = None) -> None:
    """One figure per line: `name value target`; FAILED instead of a value measured on failures."""
    if load is not None and (load.failed or not load.requests or not load.requests_per_second):
        print(f"{name} FAILED {target} ({_failure(load)})", flush=True)
        return
    shown = f"{value:.0f}" if value >= 100 else f"{value:.3g}"
    print(f"{name} {shown} {target}", flush=True)


def exit_status() -> int:
    """0 when every measured request answered as expected; else 1, with one line per failure."""
    for url, load in FAILURES:
        print(f"BENCH FAILED: {url}: {_failure(load)}", file=sys.stderr, flush=True)
    return 1 if FAILURES else 0


def _failure(load: Load) -> str:
    if not load.failed:
        return f"nothing completed in time ({load.requests} requests sent)"
    return (
        f"{load.failed} of {load.requests} requests answered other than expected "
        f"(first: {load.first_unexpected}, socket errors and timeouts: {load.errors})"
    )
