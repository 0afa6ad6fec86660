"""`liaison serve` runs gunicorn with the project's defaults and writes an access log."""

import os
import subprocess
import sys
import time
import urllib.request

from conftest import _free_port
from liaison.core.management.commands.serve import default_workers


def test_default_workers_follow_the_cores():
    cores = len(os.sched_getaffinity(0))
    assert default_workers() == 2 * cores + 1


def test_serve_answers_through_gunicorn_and_logs_the_request(tmp_path):
    port = _free_port()
    log = tmp_path / "access.log"
    env = {**os.environ, "LIAISON_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "LIAISON_VAR_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "liaison", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--access-log", str(log)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        body = None
        for _ in range(150):  # up to 30 s for the worker to boot on a busy machine
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as response:
                    body = (response.status, response.headers.get("Server", ""), response.read().decode())
                    break
            except OSError:
                time.sleep(0.2)
        assert body is not None, "gunicorn did not answer"
        assert body[0] == 200 and "gunicorn" in body[1] and "<form" in body[2]
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "with 1 gunicorn worker(s)" in output
    assert '"GET /accounts/login/ HTTP/1.1" 200' in log.read_text()
