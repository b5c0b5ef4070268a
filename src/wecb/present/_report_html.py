"""The HTML page of a report (private to :mod:`wecb.present.report`): one file, nothing
fetched.

Everything the page needs is inside it: the stylesheet in a ``<style>`` element, the plots
as ``data:`` URIs, the system's own fonts. It has no script, and its content security
policy forbids any (and any request: only inline styles and ``data:`` images load), so a
name or note from a file, escaped as it is, could not run even if it were not. Printed, each
section starts a page, table rows are not split across pages and wide tables wrap their
cells instead of being cut.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from wecb.present._report_parts import Plot, Section

__all__ = ["POLICY", "page"]

#: The page's content security policy: no script, no request; inline styles and data: images.
POLICY: Final = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

_STYLE: Final = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: #1d1d1f; background: #fff; margin: 0; line-height: 1.45; }
header, main { max-width: 76rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 2px solid #1b6ca8; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; color: #0f4a75;
  border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
p.meta { color: #555; margin: .2rem 0 .8rem; font-size: .92rem; }
nav ol { columns: 2; margin: .4rem 0 1rem; padding-left: 1.4rem; }
nav a { color: #0f4a75; }
.wrap { overflow-x: auto; margin: .8rem 0 1.2rem; }
table.wecb-table { border-collapse: collapse; font-size: .88rem;
  font-variant-numeric: tabular-nums; }
table.wecb-table caption { text-align: left; font-weight: 600; padding: .3rem 0; }
table.wecb-table th, table.wecb-table td { padding: .22rem .6rem; vertical-align: top;
  border-bottom: 1px solid #e5e8eb; overflow-wrap: anywhere; }
table.wecb-table thead th { border-bottom: 2px solid #8c959f; background: #f3f6f9; }
table.wecb-table tr.wecb-total td, table.wecb-table tr.wecb-subtotal td {
  background: #f7f9fb; }
.wrap p, .wrap ul { font-size: .85rem; color: #333; margin: .3rem 0; max-width: 70rem; }
.wecb-warning { color: #c00000; }
figure { margin: 1rem 0 1.6rem; }
figure img { max-width: 100%; height: auto; border: 1px solid #e5e8eb; }
figcaption { font-size: .85rem; color: #333; max-width: 60rem; margin-top: .3rem; }
p.absent { font-style: italic; color: #555; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 9.5pt; }
  header, main { max-width: none; padding: 0; }
  nav { break-after: page; }
  section { break-before: page; }
  h2 { margin-top: 0; }
  .wrap { overflow: visible; }
  table.wecb-table { width: 100%; font-size: 8pt; }
  table.wecb-table thead { display: table-header-group; }
  table.wecb-table tr { break-inside: avoid; }
  figure { break-inside: avoid; }
  figure img { max-height: 22cm; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _plot(plot: Plot) -> str:
    data = base64.b64encode(plot.png).decode("ascii")
    size = f' width="{plot.width}" height="{plot.height}"' if plot.width and plot.height else ""
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{_e(plot.title)}"{size}>'
        f"<figcaption><b>{_e(plot.title)}.</b> {_e(plot.caption)}</figcaption></figure>"
    )


def _paragraphs(texts: Iterable[str], css: str = "") -> list[str]:
    attribute = f' class="{css}"' if css else ""
    return [f"<p{attribute}>{_e(text)}</p>" for text in texts]


def _section(section: Section) -> str:
    parts = [f'<section id="{_e(section.key)}">', f"<h2>{_e(section.heading)}</h2>"]
    parts += _paragraphs(section.paragraphs)
    parts += [f'<div class="wrap">{table.to_html()}</div>' for table in section.tables]
    parts += [_plot(plot) for plot in section.plots]
    parts += _paragraphs(section.absent, "absent")
    parts.append("</section>")
    return "\n".join(parts)


def _contents(sections: Sequence[Section]) -> str:
    items = "".join(f'<li><a href="#{_e(s.key)}">{_e(s.heading)}</a></li>' for s in sections)
    return f'<nav aria-label="Contents"><ol>{items}</ol></nav>'


def page(title: str, byline: str, version: str, sections: Sequence[Section]) -> str:
    """The whole report as one HTML document (escaped, self-contained)."""
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="wecb {_e(version)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
        *_paragraphs([byline], "meta"),
        _contents(sections),
        "</header>",
        "<main>",
    ]
    body = [_section(section) for section in sections]
    return "\n".join([*head, *body, "</main>", "</body>", "</html>", ""])
