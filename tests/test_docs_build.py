"""The built documentation: every public name documented, every plot shown, no heading
repeated, nothing loaded from the network, and the tutorial's tables whole in a browser.

One HTML build (``sphinx-build -W --keep-going``, in a process of its own, as ``make docs``
runs it) serves every test here; it needs the ``docs`` and ``plot`` extras.
"""

from __future__ import annotations

import html
import importlib
import importlib.util
import itertools
import json
import re
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SRC = ROOT / "src" / "wecb"
EXAMPLES = ROOT / "examples"
#: The examples of wecb's own plot functions, each shown in the plot how-to.
PLOT_HOWTO = (
    "plot_savings_by_domain",
    "plot_cumulative_net_benefit",
    "plot_who_pays",
    "plot_npv_distribution",
)

# Tokens of navigation and headings, in document order: a toctree caption, a toctree entry
# (with its level) or a section heading (with its level).
TOKEN = re.compile(
    r'<span class="caption-text">(?P<caption>.*?)</span>'
    r'|<li class="toctree-l(?P<level>\d)[^"]*"><a [^>]*>(?P<entry>.*?)</a>'
    r"|<h(?P<h>[1-6])[^>]*>(?P<heading>.*?)</h(?P=h)>",
    flags=re.DOTALL,
)
TAG = re.compile(r"<[^>]+>")
# What a page may fetch: stylesheets, scripts, images, frames, media.
FETCH = re.compile(
    r"<(?:link|script|img|iframe|source|video|audio|embed)\b[^>]*\b(?:src|href)=\"(https?:)?//",
    flags=re.IGNORECASE,
)
CSS_FETCH = re.compile(r"@import|url\(\s*['\"]?(?:https?:)?//", flags=re.IGNORECASE)


#: What the HTML is built from (tracked files under these): a build older than any of them
#: is not reused.
SOURCES = ("docs", "src", "examples", "CHANGELOG.md", "pyproject.toml")
#: Written by ``make docs`` after its warning-free (``-W``) HTML build, never after a failed one.
MAKE_DOCS = DOCS / "_build" / "html"
MARK = MAKE_DOCS / ".warning-free"


def _current(mark: Path) -> bool:
    """Whether ``mark`` is newer than every tracked source file (``make test`` builds the docs
    just before the tests, so the suite need not build them a second time)."""
    if not mark.is_file():
        return False
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", *SOURCES],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if listed.returncode or not listed.stdout:
        return False  # not a git checkout: build
    built_at = mark.stat().st_mtime
    for name in listed.stdout.decode().split("\0"):
        file = ROOT / name
        if name and (not file.is_file() or file.stat().st_mtime > built_at):
            return False
    return True


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML documentation: ``make docs``' build while it is current, else built once for
    this module as ``make docs`` builds it."""
    pytest.importorskip("sphinx", reason="building the docs needs the docs extra")
    pytest.importorskip("furo", reason="building the docs needs the docs extra")
    pytest.importorskip("matplotlib", reason="the plot how-to's pictures need the plot extra")
    if _current(MARK):
        return MAKE_DOCS
    out = tmp_path_factory.mktemp("html")
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    done = subprocess.run(
        [*command, str(DOCS), str(out)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return out


# --- every public name is documented --------------------------------------------------


def public_modules() -> list[str]:
    """Every public module of wecb (no part of its dotted name starts with ``_``)."""
    names = []
    for path in sorted(SRC.rglob("*.py")):
        parts = ("wecb", *path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if not any(part.startswith("_") for part in parts):
            names.append(".".join(parts))
    return names


def public_names() -> Iterator[tuple[str, object]]:
    """``(module.name, object)`` for every name in a public module's ``__all__``."""
    for module_name in public_modules():
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            yield f"{module_name}.{name}", getattr(module, name)


def inventory(path: Path) -> set[str]:
    """The object names in a Sphinx ``objects.inv`` (version 2)."""
    data = path.read_bytes()
    lines = data.split(b"\n", 4)
    assert lines[0] == b"# Sphinx inventory version 2", lines[0]
    text = zlib.decompress(lines[4]).decode("utf-8")
    return {line.split(" ", 1)[0] for line in text.splitlines() if line.strip()}


def resolve(dotted: str) -> object:
    """The object a documented dotted name stands for (``None`` when it cannot be found)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            found = getattr(found, attribute, None)
        return found
    return None


def undocumented(
    names: Iterable[tuple[str, object]],
    documented: set[str],
    find: Callable[[str], object] = resolve,
) -> list[str]:
    """The public names documented neither under their own name nor under another name
    (where they were defined, or another module that exports them) of the same object."""
    by_last: dict[str, list[str]] = {}
    for entry in documented:
        by_last.setdefault(entry.rpartition(".")[2], []).append(entry)
    missing = []
    for name, obj in names:
        if name in documented:
            continue
        if not any(find(other) is obj for other in by_last.get(name.rpartition(".")[2], [])):
            missing.append(name)
    return missing


def test_every_public_name_is_in_the_api_reference(built: Path) -> None:
    documented = inventory(built / "objects.inv")
    assert "wecb.io.schema" in documented
    assert undocumented(public_names(), documented) == []


def test_an_undocumented_name_is_found() -> None:
    def schema() -> None: ...

    def load() -> None: ...

    objects: dict[str, object] = {"fake.io.schema": schema, "fake.load": load}
    names = [("fake.io.schema", schema), ("fake.io.load", load)]
    # load is documented where it was defined, schema nowhere.
    assert undocumented(names, {"fake.load"}, objects.get) == ["fake.io.schema"]
    assert undocumented(names, {"fake.load", "fake.io.schema"}, objects.get) == []


# --- no heading repeated --------------------------------------------------------------


def text_of(fragment: str) -> str:
    """A heading's or entry's words, without tags or its permalink sign."""
    words = html.unescape(TAG.sub("", fragment)).strip().rstrip("¶#").strip()
    return " ".join(words.split()).casefold()


def repeated(fragment: str) -> list[str]:
    """The headings, captions and toctree entries that repeat the one just before them:
    "Concepts" under a caption "Concepts", or a page titled as its only section."""
    tokens = [
        text_of(match.group("caption") or match.group("entry") or match.group("heading"))
        for match in TOKEN.finditer(fragment)
    ]
    return [b for a, b in itertools.pairwise(tokens) if a and a == b]


def regions(page: str) -> dict[str, str]:
    """The navigation sidebar and the page's main content, apart (the sidebar's last
    entry may rightly be the page's title)."""
    found = {}
    for name, start, end in (
        ("sidebar", 'class="sidebar-tree"', "</div>"),
        ("content", "<article", "</article>"),
    ):
        begin = page.find(start)
        if begin >= 0:
            found[name] = page[begin : page.index(end, begin)]
    return found


def test_no_heading_repeats_the_one_above(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 50
    found = {}
    for page in pages:
        for name, fragment in regions(page.read_text("utf-8")).items():
            if twice := repeated(fragment):
                found[f"{page.relative_to(built)} {name}"] = twice
    assert found == {}


def test_the_heading_check_finds_a_repeat() -> None:
    sidebar = (
        '<p class="caption"><span class="caption-text">Concepts</span></p><ul>'
        '<li class="toctree-l1"><a class="reference internal" href="x">Concepts</a></li>'
    )
    assert repeated(sidebar) == ["concepts"]
    page = '<h1>Money<a class="headerlink">¶</a></h1><h2>Money</h2><h2>Years</h2>'
    assert repeated(page) == ["money"]
    assert repeated("<h1>Money</h1><h2>Years</h2><h3>Money</h3>") == []


# --- pages and pictures ---------------------------------------------------------------


def test_install_search_and_changelog_pages_are_built(built: Path) -> None:
    for page in ("index", "install", "search", "genindex", "changelog", "howto/plot"):
        assert (built / f"{page}.html").is_file(), page
    assert (built / "searchindex.js").is_file()
    index = (built / "index.html").read_text("utf-8")
    assert 'href="install.html"' in index


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("plot_*.py")), ids=lambda p: p.stem)
def test_every_plot_example_is_shown_with_a_caption(built: Path, example: Path) -> None:
    image = built / "_images" / f"{example.stem}.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    figure = re.compile(
        rf'<figure[^>]*>(?:(?!</figure>).)*?<img [^>]*src="(?:\.\./)*_images/{example.stem}\.png"'
        r"(?:(?!</figure>).)*?<figcaption>(.*?)</figcaption>",
        flags=re.DOTALL,
    )
    captions = [
        text_of(found.group(1))
        for page in sorted(built.rglob("*.html"))
        for found in figure.finditer(page.read_text("utf-8"))
    ]
    assert captions, f"no page shows a figure of {example.name}"
    assert all(len(c.split()) >= 8 for c in captions), "each caption says what the plot shows"
    if example.stem in PLOT_HOWTO:
        page = (built / "howto" / "plot.html").read_text("utf-8")
        assert f"_images/{example.stem}.png" in page


# --- offline --------------------------------------------------------------------------


def test_the_built_pages_fetch_nothing_from_the_network(built: Path) -> None:
    fetching = [
        page.relative_to(built).as_posix()
        for page in built.rglob("*.html")
        if FETCH.search(page.read_text("utf-8"))
    ]
    assert fetching == []
    styles = sorted((built / "_static").rglob("*.css"))
    assert styles
    assert [s.name for s in styles if CSS_FETCH.search(s.read_text("utf-8"))] == []


def test_the_fetch_checks_find_a_remote_font_or_script() -> None:
    assert FETCH.search('<link rel="stylesheet" href="https://fonts.googleapis.com/css">')
    assert FETCH.search('<script src="//cdn.example.org/x.js"></script>')
    assert not FETCH.search('<a href="https://www.gov.uk/">a source</a>')
    assert CSS_FETCH.search("@font-face{src:url(https://example.org/f.woff2)}")
    assert not CSS_FETCH.search("i{background:url('data:image/svg+xml;utf8,<svg/>')}")


# --- the tutorial in a browser --------------------------------------------------------

PROBE = """<script>
(function () {
  var pres = [].slice.call(document.querySelectorAll("article pre")).map(function (pre) {
    return {text: pre.textContent, scroll: pre.scrollWidth, client: pre.clientWidth,
            overflow: getComputedStyle(pre).overflowX};
  });
  var out = document.createElement("script");
  out.type = "application/json";
  out.id = "probe";
  out.textContent = JSON.stringify({width: window.innerWidth, pres: pres});
  document.body.appendChild(out);
})();
</script>"""


def measure(chromium: str, page: Path, width: int) -> list[dict[str, Any]]:
    """Each code block of ``page`` laid out by Chromium in a window ``width`` px wide."""
    probe = page.with_name(f"{page.stem}-probe-{width}.html")
    probe.write_text(page.read_text("utf-8").replace("</body>", PROBE + "</body>"), "utf-8")
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--window-size={width},900",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = re.search(r'<script type="application/json" id="probe">(.*?)</script>', done.stdout)
    assert found is not None, done.stderr[-2000:]
    result = json.loads(html.unescape(found.group(1)))
    assert result["width"] == width
    pres: list[dict[str, Any]] = result["pres"]
    return pres


@pytest.mark.parametrize("width", [1280, 768])
def test_the_tutorials_tables_are_whole_in_a_browser(
    built: Path, require_tool: Callable[[str], str], width: int
) -> None:
    chromium = require_tool("chromium")
    pres = measure(chromium, built / "tutorial.html", width)
    assert pres
    # A printed table (a rule of dashes under its header) fits: its last column shows.
    tables = [p for p in pres if re.search(r"^-{3,}  ", p["text"], flags=re.MULTILINE)]
    assert len(tables) >= 3
    assert [t["text"][:60] for t in tables if t["scroll"] > t["client"]] == []
    # Any wider block (a long repr) scrolls sideways rather than being cut off.
    assert {p["overflow"] for p in pres} <= {"auto", "scroll"}


# --- the extension that draws the plots -----------------------------------------------


def plots_extension() -> ModuleType:
    """``docs/_ext/wecb_plots.py``, imported from its file."""
    pytest.importorskip("sphinx", reason="the extension needs the docs extra")
    spec = importlib.util.spec_from_file_location("wecb_plots", DOCS / "_ext" / "wecb_plots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXAMPLE = """\
from pathlib import Path


def main(out_dir: Path | None = None) -> Path:
    {body}
"""


def test_the_extension_copies_each_examples_png_under_its_name(tmp_path: Path) -> None:
    extension = plots_extension()
    example = tmp_path / "examples" / "plot_fake.py"
    example.parent.mkdir()
    body = (
        'path = out_dir / "any name.png"\n'
        '    path.write_bytes(b"\\x89PNG\\r\\n\\x1a\\n0")\n'
        "    return path"
    )
    example.write_text(EXAMPLE.format(body=body), "utf-8")
    drawn = extension.draw(example, tmp_path / "generated", ROOT / "src", 120.0)
    assert drawn == tmp_path / "generated" / "plot_fake.png"
    assert drawn.read_bytes() == b"\x89PNG\r\n\x1a\n0"
    assert sorted(p.name for p in drawn.parent.iterdir()) == ["plot_fake.png"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('raise RuntimeError("no data")', "RuntimeError: no data"),
        ('return out_dir / "missing.png"', "returned no file"),
        ('(out_dir / "a.png").write_text("text")\n    return out_dir / "a.png"', "not a PNG"),
    ],
)
def test_a_failing_plot_example_fails_the_build(tmp_path: Path, body: str, message: str) -> None:
    extension = plots_extension()
    example = tmp_path / "plot_broken.py"
    example.write_text(EXAMPLE.format(body=body), "utf-8")
    with pytest.raises(extension.ExtensionError, match=r"plot example plot_broken\.py") as error:
        extension.draw(example, tmp_path / "generated", ROOT / "src", 120.0)
    assert message in str(error.value)
    assert not (tmp_path / "generated" / "plot_broken.png").exists()
