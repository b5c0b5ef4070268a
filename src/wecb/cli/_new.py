"""``wecb new``: a commented, minimal, valid programme file to start from.

The file is in the current format (``format_version`` of :data:`wecb.io.FORMAT_VERSION`),
TOML only (JSON has no comments). Every enumerated field lists its choices in a comment,
taken from the model's enumerations, so the comments cannot fall behind the model. The text
is loaded before it is written: what ``wecb new`` writes always loads.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING, Final, TextIO

import wecb
from wecb.cli._new_files import write_new
from wecb.errors import LoadError, ValidationError
from wecb.io._atomic import checked_path, write_atomic
from wecb.model.cashflows import CostType, ValueType
from wecb.model.domains import DomainKind
from wecb.model.funding import FundingBasis
from wecb.model.integration import IntegrationLevel, PoolingArrangement
from wecb.model.partners import PartnerKind
from wecb.model.projects import Stage

if TYPE_CHECKING:
    from wecb.cli._parser import Commands

#: The column at which a comment after a value starts.
_COMMENT_COLUMN: Final = 36
_WIDTH: Final = 92


def add_new(commands: Commands) -> None:
    """The ``new`` command and its options."""
    new = commands.add_parser(
        "new",
        help="write a commented, minimal, valid programme file to start from",
        description="Write a programme file (TOML) with one partner, domain and project, a "
        "cost line and a benefit line, every field explained in a comment and every choice "
        "listed. Replace the placeholders with your own, then check the file with "
        "`wecb summary FILE`. An existing file is replaced only with --force.",
    )
    new.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default=None,
        help="the file to write (.toml); default: standard output",
    )
    new.add_argument(
        "--force", action="store_true", help="replace OUT if it exists (default: refuse)"
    )
    new.set_defaults(run=run_new, data_output=True)


def run_new(args: argparse.Namespace, out: TextIO) -> int:
    """Write the starting file to ``args.output`` or ``out``; the exit status."""
    text = starter_text()
    wecb.loads(text, "toml")  # what is written always loads (a test holds this too)
    if args.output is None:
        out.write(text)
        return 0
    path = checked_path(args.output, _error)
    if path.suffix.lower() != ".toml":
        raise ValidationError(
            f"wecb new writes a commented TOML file, not {path.suffix or 'a name with no suffix'}"
            ": give -o NAME.toml (for JSON, write TOML, fill it in, then run "
            "`wecb export NAME.toml --what programme --format json -o NAME.json`)"
        )
    write_new(path, lambda: write_atomic(path, text, error=_error), force=args.force, error=_error)
    return 0


def _error(name: str, reason: str) -> LoadError:
    return LoadError(reason, path=name)


def _choices(values: list[str], lead: str) -> str:
    """``lead`` and the ``values`` as comment lines of at most the page width."""
    return textwrap.fill(
        lead + ", ".join(values),
        width=_WIDTH,
        initial_indent="# ",
        subsequent_indent="#     ",
        break_on_hyphens=False,
    )


def _either(values: list[str]) -> str:
    """``values`` as words: ``a, b or c``."""
    return ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else values[0]


def _commented(line: str, comment: str) -> str:
    """``line`` with ``comment`` after it, aligned."""
    return f"{line.ljust(_COMMENT_COLUMN - 1)} # {comment}"


# long: the starting file, one template read top to bottom
def starter_text() -> str:
    """The text of the starting file."""
    version = wecb.io.FORMAT_VERSION
    levels = ", ".join(f"{int(level)} {level.label}" for level in IntegrationLevel)
    return "\n".join(
        (
            "# A new wecb programme. Replace every placeholder (names, labels, amounts) with",
            "# your own, uncomment what you need, then check it: `wecb summary FILE`.",
            '# Money is text with its currency symbol: "£120,000.00", "£1.2m" (read exactly).',
            '# Financial years are written "2014/15". A key names an entry for the others to',
            "# refer to: letters, digits, _ - . (at most 100 characters).",
            "",
            'format = "wecb.programme"',
            f"format_version = {version}",
            _commented('name = "My programme"', "the programme's name"),
            _commented('place = "My place"', "the place it serves"),
            _commented('# currency = "GBP"', "the currency of every amount (default GBP)"),
            "",
            "# Open periods: buckets of money that are not one financial year (a financial",
            "# year needs no entry). A line's amount may then be given for the key.",
            "# [[periods]]",
            '# key = "later_years"',
            '# label = "Later years"',
            _commented('# after = "2016/17"', "the years after this one (leave out: open)"),
            _commented('# until = "2019/20"', "up to and including this one (leave out: open)"),
            "",
            _commented("[[partners]]", "an organisation taking part: one entry each"),
            'key = "council"',
            'name = "My Council"',
            'kind = "unitary_council"',
            _choices([k.value for k in PartnerKind], "kind: one of "),
            "",
            "[[partners]]",
            'key = "police"',
            'name = "My Police"',
            'kind = "police"',
            "",
            _commented("[[domains]]", "a thematic area or an enabler of the programme"),
            'key = "safety"',
            'name = "Community Safety"',
            _commented('kind = "thematic"', _either([k.value for k in DomainKind])),
            "",
            "# Funding streams: money (or staff time) a partner puts in.",
            "# [[funding_streams]]",
            '# key = "pot"',
            '# name = "Pooled budget"',
            _commented('# funder = "council"', "a partner key"),
            _commented('# arrangement = "pooled"', "how it enters the project"),
            _choices([a.value for a in PoolingArrangement], "arrangement: one of "),
            _commented('# amount = "£200,000.00"', "leave out when not quantified"),
            _commented('# basis = "total"', _either([b.value for b in FundingBasis])),
            _commented('# periods = ["2014/15", "2015/16"]', "the years it covers"),
            _commented('# recipient = "project_1"', 'a project key, or "programme"'),
            "",
            _commented("[[projects]]", "a project: one business case"),
            'key = "project_1"',
            'title = "My first project"',
            _commented('domain = "safety"', "a domain key"),
            _commented('leads = ["council"]', "partner keys"),
            _commented('stage = "idea"', "the lifecycle stage (default idea)"),
            _choices([s.value for s in Stage], "stage: one of "),
            _commented("# integration_level = 3", "1 to 5 (a stream must fit it):"),
            _choices([levels], ""),
            "",
            "# A cost or benefit line: its attributes once, its amounts by period.",
            _commented("[[projects.lines]]", "a cost"),
            'nature = "cost"',
            _commented('payer = "council"', "the partner bearing the cost"),
            _commented('cost_type = "revenue"', _either([c.value for c in CostType])),
            _commented("# cashable = false", "for a cost not paid in cash (in_kind: always)"),
            _commented('# stream = "pot"', "the funding stream it draws on"),
            'label = "Staff"',
            _commented(
                '# price_year = "2013/14"', "their prices' year (leave out: the price base)"
            ),
            'amounts = { "2014/15" = "£100,000.00", "2015/16" = "£100,000.00" }',
            '# or, for consecutive financial years: first = "2014/15" and',
            '#     amounts = ["£100,000.00", "£100,000.00"]',
            "",
            _commented("[[projects.lines]]", "a benefit"),
            'nature = "benefit"',
            _commented('beneficiary = "police"', "the partner receiving it"),
            _commented('value_type = "fiscal"', _either([v.value for v in ValueType])),
            _commented("cashable = false", "fiscal benefits only: does it release cash?"),
            'label = "Officer hours released"',
            'amounts = { "2015/16" = "£150,000.00", "2016/17" = "£150,000.00" }',
            "",
            "# Business as usual: what would be spent or saved without the project (an",
            "# appraisal counts the project as with minus without). Same form as a line.",
            "# [[projects.counterfactual]]",
            '# nature = "cost"',
            '# payer = "police"',
            '# amounts = { "2014/15" = "£20,000.00" }',
            "",
        )
    )
