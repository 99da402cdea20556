"""A small run of bench/mermaid_page.py, so the browser benchmark keeps working."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="needs Debian's Chromium")
def test_mermaid_page_benchmark_prints_bytes_time_and_font_size():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "mermaid_page.py"), "--pages", "journeys/saas-procurement/", "--repeat", "1"],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.startswith("| journeys/saas-procurement/"))
    size, files, ms, font, outside = (cell.strip() for cell in row.strip("|").split("|")[1:])
    assert 100_000 < int(size.replace(",", "")) <= 800_000 and int(files) > 1
    assert float(ms) > 0 and float(font) >= 11 and outside == "0"
    assert re.search(r"\| Mermaid JS bytes \|", proc.stdout)
