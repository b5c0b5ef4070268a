"""The report opened in a real headless browser (Chromium): no console message, every image
loads, nothing injected runs, the screenshot is not blank and it prints to several pages.

Skipped, with the reason, where no Chromium is installed; failed instead under ``CI=true``
(``.ci/run`` installs it). Each browser run is bounded by a timeout.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest

import wecb
from wecb import FinancialYear
from wecb.appraisal import Phasing
from wecb.present.report import Report, programme_report

FY = FinancialYear

pytest.importorskip("matplotlib")

TIMEOUT = 60
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
#: Put at the start of a copy of the page (whose security policy is removed, so that the
#: probe, and anything injected, could run): records errors and the images' state into the
#: DOM, read back with --dump-dom.
PROBE = """<script>
window.__errors = [];
window.addEventListener("error", function (e) {
  var what = e.message || (e.target && e.target.tagName) || "unknown";
  window.__errors.push("error: " + what);
}, true);
var wecbConsoleError = console.error;
console.error = function () {
  window.__errors.push("console.error: " + Array.prototype.join.call(arguments, " "));
  wecbConsoleError.apply(console, arguments);
};
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var out = document.createElement("pre");
  out.id = "wecb-probe";
  out.textContent = JSON.stringify({
    errors: window.__errors,
    images: images.length,
    loaded: images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length,
    pwned: window.__pwned || 0
  });
  document.body.appendChild(out);
});
</script>"""


@pytest.fixture
def chromium(require_tool: Callable[[str], str]) -> str:
    """Chromium's path (``chromium``, or ``chromium-browser`` as some systems name it)."""
    return shutil.which("chromium") or shutil.which("chromium-browser") or require_tool("chromium")


@pytest.fixture(scope="module")
def page() -> Report:
    """Essex under the docs' example phasing, with markup in names that must not run."""
    essex = wecb.datasets.essex_2012()
    project = essex.project("FBC1")
    hostile = attrs.evolve(
        essex.with_project(attrs.evolve(project, title=f"Integrated {HOSTILE}")),
        name=f"Essex {HOSTILE}",
    )
    phasing = Phasing(
        {
            "to_mar_2013": {FY(2012): 1},
            "further_implementation": dict.fromkeys(FY.range(FY(2014), FY(2016)), 1),
            "appraisal_horizon": dict.fromkeys(FY.range(FY(2014), FY(2018)), 1),
        },
        note="the docs' example phasing",
    )
    claims = wecb.reconcile(hostile, wecb.datasets.essex_2012_claims(hostile))
    return programme_report(hostile, phasing=phasing, reconciliation=claims)


@pytest.fixture
def browse(
    chromium: str, tmp_path: Path
) -> Iterator[Callable[..., subprocess.CompletedProcess[str]]]:
    """Run headless Chromium on a file with extra switches; a fresh profile each time."""

    def run(file: Path, *switches: str) -> subprocess.CompletedProcess[str]:
        profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *switches,
            file.as_uri(),
        ]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )

    yield run


def test_the_page_logs_nothing_to_the_console(
    page: Report, browse: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    file = page.write(tmp_path / "report.html")
    done = browse(file, "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []  # no error, no blocked request, no script
    assert "<h2>Bibliography</h2>" in done.stdout
    assert "window.__pwned" in done.stdout  # as text, escaped


def test_every_image_loads_and_nothing_injected_runs(
    page: Report, browse: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    shipped = page.to_html()
    policy = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', shipped)
    assert policy is not None
    probed = shipped.replace(policy.group(0), "").replace("<head>", "<head>" + PROBE, 1)
    file = tmp_path / "probed.html"
    file.write_text(probed, encoding="utf-8")
    done = browse(file, "--dump-dom", "--virtual-time-budget=5000")
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="wecb-probe">(.*?)</pre>', done.stdout, re.S)
    assert found is not None, done.stdout[-2000:]
    state = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    plots = len(page.plots())
    assert plots == 2
    assert state == {"errors": [], "images": plots, "loaded": plots, "pwned": 0}


def test_the_screenshot_is_not_blank(
    page: Report, browse: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    from PIL import Image  # noqa: PLC0415 -- Pillow comes with matplotlib

    file = page.write(tmp_path / "report.html")
    shot = tmp_path / "shot.png"
    done = browse(file, f"--screenshot={shot}", "--window-size=1280,2000")
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    with Image.open(shot) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (1280, 2000)
        colours = rgb.getcolors(maxcolors=1 << 20) or []
        ink = sum(count for count, colour in colours if colour != (255, 255, 255))
    assert len(colours) > 20
    assert ink > 0.02 * 1280 * 2000


def test_it_prints_a_page_per_section(
    page: Report, browse: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    file = page.write(tmp_path / "report.html")
    pdf = tmp_path / "report.pdf"
    done = browse(file, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert done.returncode == 0 and pdf.is_file(), done.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert pages >= len(page.sections) + 1  # the contents, then each section on a new page
