"""Draw the plot examples' pictures when the documentation is built.

Every ``examples/plot_*.py`` defines ``main(out_dir)``, which writes its PNG into
``out_dir`` and returns the file's path. When a build starts (``builder-inited``), this
extension runs each example in a Python process of its own, offline, exactly as the
example runs from the shell, and copies its PNG to ``_generated/plots/<example>.png``
under the documentation's source folder (``plot_who_pays.py`` gives
``_generated/plots/plot_who_pays.png``). Pages show them with
``.. figure:: /_generated/plots/plot_who_pays.png``.

An example that fails, returns no PNG or takes longer than ``wecb_plot_timeout`` seconds
fails the build with an :class:`~sphinx.errors.ExtensionError` naming it, so a page
never shows a missing or stale picture. The generated folder is not committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Where the pictures go, relative to the documentation's source folder.
GENERATED = Path("_generated") / "plots"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Run in the child process: argv is the examples folder, the module's name, the output
# folder. The examples import their shared ``_common`` module from their own folder.
RUNNER = """\
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
module = __import__(sys.argv[2])
print(Path(module.main(Path(sys.argv[3]))).resolve())
"""


def examples(folder: Path) -> list[Path]:
    """The plot examples in ``folder``, sorted by name."""
    return sorted(folder.glob("plot_*.py"))


def child_environment(source: Path) -> dict[str, str]:
    """The child's environment: no display, and the repository's ``src`` first."""
    env = dict(os.environ)
    env["MPLBACKEND"] = "Agg"
    path = [str(source)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    env["PYTHONPATH"] = os.pathsep.join(path)
    return env


def draw(example: Path, target: Path, source: Path, timeout: float) -> Path:
    """Run ``example``'s ``main()`` and copy its PNG to ``target/<example stem>.png``."""
    with tempfile.TemporaryDirectory(prefix="wecb-plot-") as scratch:
        out_dir = Path(scratch) / "out"
        out_dir.mkdir()
        try:
            done = subprocess.run(
                [sys.executable, "-c", RUNNER, str(example.parent), example.stem, str(out_dir)],
                capture_output=True,
                text=True,
                timeout=timeout,
                env=child_environment(source),
                cwd=scratch,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            msg = f"plot example {example.name}: main() took longer than {timeout:g} s"
            raise ExtensionError(msg) from exc
        if done.returncode != 0:
            msg = f"plot example {example.name}: main() failed:\n{done.stderr.strip()}"
            raise ExtensionError(msg)
        lines = done.stdout.strip().splitlines()
        written = Path(lines[-1]) if lines else None
        if written is None or not written.is_file():
            msg = f"plot example {example.name}: main() returned no file ({written})"
            raise ExtensionError(msg)
        if written.read_bytes()[: len(PNG_SIGNATURE)] != PNG_SIGNATURE:
            msg = f"plot example {example.name}: {written.name} is not a PNG"
            raise ExtensionError(msg)
        target.mkdir(parents=True, exist_ok=True)
        final = target / f"{example.stem}.png"
        handle, staged = tempfile.mkstemp(prefix=f".{example.stem}-", suffix=".tmp", dir=target)
        with os.fdopen(handle, "wb") as file:
            file.write(written.read_bytes())
        Path(staged).replace(final)  # atomic: a build reading the folder sees whole files
    return final


def draw_all(app: Sphinx) -> None:
    """``builder-inited``: draw every plot example's picture, or fail the build."""
    folder = Path(app.confdir, app.config.wecb_plot_examples).resolve()
    found = examples(folder)
    if not found:
        msg = f"no plot examples (plot_*.py) in {app.config.wecb_plot_examples}"
        raise ExtensionError(msg)
    target = Path(app.srcdir) / GENERATED
    source = Path(app.confdir, app.config.wecb_plot_source).resolve()
    for example in found:
        path = draw(example, target, source, app.config.wecb_plot_timeout)
        logger.info("drew %s", path.name)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the configuration values and the ``builder-inited`` hook."""
    app.add_config_value("wecb_plot_examples", "../examples", "env", str)
    app.add_config_value("wecb_plot_source", "../src", "env", str)
    app.add_config_value("wecb_plot_timeout", 600.0, "env", float)
    app.connect("builder-inited", draw_all)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
