"""The package as users install it: a wheel (not the editable checkout) carries its prompts, corpus, migrations,
sample network and app, and `coach doctor` and a search run from it."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the built wheel; the dependencies come from this interpreter's site-packages
    through a .pth line (which, unlike a site directory, runs no .pth files there: the editable install's
    finder stays out, so `import coach` can only find the wheel's copy)."""
    root = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(root / "dist"), str(REPO)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((root / "dist").glob("networking_coach-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("coach/resources/prompts/draft.md", "coach/resources/prompts/goals.yaml",
                   "coach/crm/migrations/alembic.ini", "coach/crm/sample/Connections.csv", "coach/ui/app.py"):
        assert needed in names, f"{needed} is not in the wheel"
    assert sum(n.startswith("coach/resources/knowledge/") and n.endswith(".md") for n in names) >= 90
    assert not any(n.startswith(("tests/", "coach/standin", "coach/testing")) for n in names)
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    inner = next((venv / "lib").glob("python3*/site-packages"))
    (inner / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                                "--no-deps", "--no-index", "-q", str(wheel)], capture_output=True, text=True,
                               timeout=600)
    assert installed.returncode == 0, installed.stderr[-2000:]
    return venv


def _coach(venv: Path, *args: str, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COACH_", "PYTHONPATH"))}
    env["COACH_HOME"] = str(home)
    return subprocess.run([str(venv / "bin" / "coach"), *args], capture_output=True, text=True, env=env,
                          cwd=home.parent, timeout=600)


def test_a_wheel_installed_coach_finds_its_resources_and_searches(wheel_venv: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    where = subprocess.run([str(wheel_venv / "bin" / "python"), "-c", "import coach; print(coach.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert str(wheel_venv) in where.stdout, f"coach was imported from {where.stdout.strip()}, not the wheel"
    doctor = _coach(wheel_venv, "doctor", "--json", home=home)
    report = json.loads(doctor.stdout)
    assert report["resources"]["ok"], report["resources"]
    assert "/site-packages/coach/resources/" in report["resources"]["detail"], report["resources"]["detail"]
    imported = _coach(wheel_venv, "import", str(REPO / "coach" / "crm" / "sample" / "Connections.csv"), "--json",
                      home=home)
    assert imported.returncode == 0, imported.stderr[-2000:]
    found = _coach(wheel_venv, "search", "asking a former colleague for a referral", "--json", home=home)
    assert found.returncode == 0, found.stderr[-2000:]
    hits = json.loads(found.stdout)
    sources = json.dumps(hits)
    assert "knowledge/opportunities/" in sources, sources[:2000]
