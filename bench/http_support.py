"""What the HTTP benchmark (``bench.http_bench``) runs on: a browser-like client, the gunicorn
server it starts, the workers' memory, and the timing helpers."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PASSWORD = "bench-password-1"
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


class Client:
    """A browser-like client: cookies, CSRF login, timings in ms."""

    def __init__(self, base: str, token: str | None = None) -> None:
        self.base, self.token = base, token
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, float]:
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(self.base + path, data=data, headers=headers)
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=300) as resp:
                body, status = resp.read().decode(errors="replace"), resp.status
        except urllib.error.HTTPError as err:
            body, status = err.read().decode(errors="replace"), err.code
        return status, body, (time.perf_counter() - start) * 1000

    def post_json(self, path: str, body: dict) -> tuple[int, str, float]:
        return self.request(path, json.dumps(body).encode(), {"Content-Type": "application/json"})

    def login(self, username: str) -> None:
        _, page, _ = self.request("/masuk")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        form = urllib.parse.urlencode({"csrf_token": token, "username": username, "password": PASSWORD}).encode()
        status, body, _ = self.request("/masuk", form, {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 200 or 'name="password"' in body:
            raise SystemExit(f"login as {username} failed ({status})")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(spec: str, env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen([GUNICORN, "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "300",
                             "--log-level", "warning", spec], env={**os.environ, **env})
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"gunicorn {spec} did not start") from None
            time.sleep(0.1)
    raise SystemExit(f"gunicorn {spec} did not start")


def worker_rss_mb(proc: subprocess.Popen) -> list[float]:
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    out = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                out.append(int(line.split()[1]) / 1024)
    return out


def time_it(fn, n: int) -> tuple[list[float], set[int]]:
    fn()  # warm-up
    times, statuses = [], set()
    for _ in range(n):
        status, _, ms = fn()
        times.append(ms)
        statuses.add(status)
    return times, statuses


def pct(times: list[float], q: float) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[q - 1] if len(times) > 1 else times[0]


def intake_rate(post, seconds: float, threads: int = 4) -> float:
    """Intakes per second with ``threads`` clients for ``seconds``."""
    for _ in range(2 * threads):  # warm-up: each worker imports and connects on its first requests
        post(0)
    done, stop = [0] * threads, time.perf_counter() + seconds

    def run(k: int) -> None:
        while time.perf_counter() < stop:
            if post(k):
                done[k] += 1

    workers = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(done) / (time.perf_counter() - start)
