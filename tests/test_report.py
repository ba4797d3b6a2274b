"""eventcodes report: a self-contained report.html whose charts render in headless Chromium offline."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from conftest import SAMPLE
from eventcodes.cli import main
from eventcodes.report import BAR_COLOUR, QUAD_COLOURS
from needs import require_program

CHARTS = ["over-time", "dyads", "codes", "countries", "rules", "rejects"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("report")
    extra = base / "extra.jsonl"
    extra.write_text(
        '{"id": "x1", "date": "soon", "text": "Talks."}\n'
        '{"id": "x2", "date": "2024-11-04", "language": "fr", "text": "La France a condamné la Russie."}\n',
        encoding="utf-8",
    )
    out = base / "sample"
    assert main(["code", str(SAMPLE), str(extra), "-o", str(out), "--quiet"]) == 0
    assert main(["report", str(out)]) == 0
    return out / "report.html"


def test_the_report_is_self_contained(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page


def test_the_report_has_every_section_and_the_rejects(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    for ident in ["overview", *CHARTS]:
        assert f'<section id="{ident}">' in page, ident
    sections = re.split(r'<section id="', page)[1:]
    charts = {s.split('"', 1)[0] for s in sections if '<figure class="chart"' in s and "<svg" in s}
    assert charts == set(CHARTS)
    assert "unparseable date &#x27;soon&#x27;" in page
    assert "language &#x27;fr&#x27; is not covered by the codebook" in page
    summary = json.loads((report.parent / "summary.json").read_text(encoding="utf-8"))
    assert summary["events"] > 0 and summary["rejects"] == 2
    assert f"<th>events</th><td>{summary['events']}</td>" in page
    assert "<th>rejected records</th><td>2</td>" in page
    assert "3 verbal conflict" in page  # the legend of the quad classes
    assert "v.condemn" in page  # a rule that fired


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with the network off (its own empty network namespace when allowed)."""
    binary = require_program("chromium", "apt-get install chromium")
    offline: list[str] = []
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "--net", "true"], capture_output=True).returncode == 0:
        offline = [unshare, "--net"]
    command = [
        *offline,
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--proxy-server=http://127.0.0.1:9",  # and nothing reaches out if a namespace was refused
        "--proxy-bypass-list=<-loopback>",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def test_chromium_renders_the_charts(report: Path, tmp_path: Path) -> None:
    url = report.absolute().as_uri()
    dom = chromium("--dump-dom", url, profile=tmp_path / "profile-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count("<svg") == len(CHARTS)
    assert dom.stdout.count('data-chart="') == len(CHARTS)

    png = Path(os.environ.get("EVENTCODES_REPORT_PNG", tmp_path / "report.png"))
    png.parent.mkdir(parents=True, exist_ok=True)
    shot = chromium(
        f"--screenshot={png}",
        "--window-size=1100,4400",
        "--hide-scrollbars",
        url,
        profile=tmp_path / "profile-shot",
    )
    assert shot.returncode == 0 and png.is_file(), shot.stderr[-2000:]
    print(f"\nscreenshot of the report: {png}")
    image = Image.open(png).convert("RGB")
    pixels = Counter({rgb: n for n, rgb in image.getcolors(maxcolors=1 << 24) or []})
    assert len(pixels) > 200  # not blank: text, axes, bars and their anti-aliased edges

    def count(colour: str) -> int:
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return pixels[rgb]

    # every quad class has bars in the time chart, and the bar charts are drawn
    for colour in QUAD_COLOURS:
        assert count(colour) > 100, colour
    assert count(BAR_COLOUR) > 20_000
