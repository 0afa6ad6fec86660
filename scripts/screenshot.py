"""Screenshots of the demo for the README: a throw-away database, the demo data, a local server,
and Debian's Chromium driven by Playwright.  Usage: python scripts/screenshot.py OUT_DIR"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGES = {  # file name: (path, the browser's language, as Accept-Language says it)
    "group-page.png": ("/groups/lg-biosafety/", "en"),
    "meeting-page.png": ("/groups/lg-biosafety/meetings/9/", "en"),
    "group-page-fr.png": ("/groups/lg-biosafety/", "fr"),
    "group-page-ar.png": ("/groups/lg-biosafety/", "ar"),
    "meeting-page-zh.png": ("/groups/lg-biosafety/meetings/9/", "zh-CN"),
}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def main(out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "LIAISON_VAR_DIR": var, "LIAISON_DEBUG": "1"}
        env.pop("LIAISON_DATABASE_URL", None)
        liaison = [sys.executable, "-m", "liaison"]
        subprocess.run([*liaison, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*liaison, "demo", "--no-accounts"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        server = subprocess.Popen([*liaison, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=os.environ.get("LIAISON_CHROMIUM", "/usr/bin/chromium"), args=FLAGS)
                for name, (path, language) in PAGES.items():
                    # A visitor whose browser prefers that language (no cookie, no account): the site answers in it.
                    page = browser.new_page(viewport={"width": 1200, "height": 1500}, locale=language)
                    page.goto(f"http://127.0.0.1:{port}{path}")
                    page.screenshot(path=str(out / name))
                    page.close()
                    print(out / name)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/img")
