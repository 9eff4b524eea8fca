"""The wheel, built from the sdist, carries the data and works from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = "summitry/data/events.json"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # `python -m build` makes the sdist, then builds the wheel from the unpacked sdist.
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("summitry-*.whl")
    return found


@pytest.mark.slow
def test_the_wheel_from_the_sdist_carries_the_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert DATA in names
        bundled = json.loads(archive.read(DATA))
    assert bundled == json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))
    assert any(name.endswith("entry_points.txt") for name in names)


@pytest.mark.slow
def test_the_installed_wheel_answers_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "COLUMNS": "120", "NO_COLOR": "1"}
    env.pop("SUMMITRY_DATA", None)
    result = subprocess.run(
        [sys.executable, "-m", "summitry", "list", "--actor", "Xi", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    events = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    with_xi = [e["id"] for e in events if "xi-jinping" in e["actors"]]
    assert sorted(row["id"] for row in json.loads(result.stdout)) == sorted(with_xi)
    where = subprocess.run(
        [sys.executable, "-c", "import summitry.data.load as d; print(d.bundled_bytes()[1])"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(str(target))
