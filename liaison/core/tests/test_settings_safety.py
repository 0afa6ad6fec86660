"""Safe by default: with debug off and no LIAISON_SECRET_KEY, every liaison command refuses to start
and says why; with debug on, a key made for this machine is used, never one published with the code."""

import os
import stat
import subprocess
import sys


def run_liaison(tmp_path, *args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_") and k != "DJANGO_SETTINGS_MODULE"}
    environment.update(LIAISON_VAR_DIR=str(tmp_path), LIAISON_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **env)
    return subprocess.run([sys.executable, "-m", "liaison", *args], env=environment, capture_output=True, text=True, timeout=120)


def test_without_a_key_and_with_debug_off_no_command_starts(tmp_path):
    for command in (["check"], ["runserver", "--noreload", "127.0.0.1:0"], ["migrate", "--no-input"]):
        result = run_liaison(tmp_path, *command)
        assert result.returncode == 1, result.stdout + result.stderr
        assert result.stderr.startswith("liaison: LIAISON_SECRET_KEY is not set.")
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()  # migrate did not run


def test_debug_uses_a_key_made_for_this_machine(tmp_path):
    first = run_liaison(tmp_path, "check", LIAISON_DEBUG="1")
    assert first.returncode == 0, first.stdout + first.stderr
    key_file = tmp_path / "development-secret-key"
    key = key_file.read_text()
    assert len(key) >= 50 and "insecure" not in key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert run_liaison(tmp_path, "check", LIAISON_DEBUG="1").returncode == 0
    assert key_file.read_text() == key  # kept across runs, so sessions survive a restart


def test_a_key_from_the_environment_starts_with_debug_off(tmp_path):
    result = run_liaison(tmp_path, "check", LIAISON_SECRET_KEY="a-long-random-value-" * 3)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "development-secret-key").exists()
