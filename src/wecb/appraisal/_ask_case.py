"""Which lines an appraisal counts, given the asks of government taken as granted (private
to :mod:`wecb.appraisal`; :func:`~wecb.appraisal.cba.appraise` and
:mod:`wecb.appraisal.asks` use it).

A cash flow's :attr:`~wecb.model.cashflows.CashFlow.requires` names the asks its amount
depends on. ``appraise(..., asks=None)`` (the default) counts every line, as if every ask
were granted: the case with government. ``asks=[keys]`` takes those asks as granted and
leaves out every line requiring any other ask; ``asks=()`` is the local case, the lines that
need nothing from government. :class:`AskCase` records the choice and what it left out, and
states it as an assumption.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from wecb.appraisal._flow_entries import Entry
from wecb.core.assumptions import Assumption
from wecb.errors import AppraisalError
from wecb.model.programme import Programme

__all__ = ["AskCase", "ask_case", "granted_keys"]


def granted_keys(programme: Programme, asks: Iterable[str] | None) -> tuple[str, ...] | None:
    """``asks`` checked against the programme's asks: ``None`` stays ``None``; a single
    string, a non-key or an unknown key is refused, naming the valid keys."""
    if asks is None:
        return None
    if isinstance(asks, str):
        raise AppraisalError(
            f"asks: {asks!r} is one string; give the keys of the asks taken as granted as a "
            f"list, e.g. [{asks!r}], or () for the local case"
        )
    try:
        given = tuple(asks)
    except TypeError:
        raise AppraisalError(
            f"asks: {type(asks).__name__} is not accepted; give a list of ask keys, () for "
            "the local case, or None to count every line"
        ) from None
    known = [a.key for a in programme.asks]
    wrong = [k for k in given if not isinstance(k, str) or k not in known]
    if wrong:
        shown = ", ".join(repr(k) for k in known) or "none (the programme has no asks)"
        raise AppraisalError(
            f"asks: unknown ask(s) {', '.join(map(repr, wrong))}; the programme's asks: {shown}"
        )
    return tuple(dict.fromkeys(given))


@attrs.frozen(kw_only=True)
class AskCase:
    """The asks an appraisal took as granted (``None``: all, every line counted), the lines
    it left out (each described with the asks it requires), and the asks the counted lines
    require."""

    granted: tuple[str, ...] | None = None
    left_out: tuple[str, ...] = ()
    required: tuple[str, ...] = ()

    def assumptions(self) -> tuple[Assumption, ...]:
        """The choice in words; none when no line requires an ask and none is left out."""
        if self.granted is None:
            if not self.required:
                return ()
            return (
                Assumption(
                    name="asks of government",
                    value="every line counted, as if every ask of government were granted "
                    f"(lines require {', '.join(self.required)}); appraise with asks=() for the "
                    "local case",
                ),
            )
        granted = ", ".join(self.granted) or "none (the local case)"
        left = "; ".join(self.left_out) or "none"
        return (
            Assumption(
                name="asks of government",
                value=f"taken as granted: {granted}; lines requiring any other ask left out "
                f"({len(self.left_out)}): {left}",
            ),
        )


def ask_case(
    entries: Sequence[Entry], granted: tuple[str, ...] | None
) -> tuple[list[Entry], AskCase]:
    """The entries (:mod:`~wecb.appraisal._flow_entries`) counted when ``granted`` asks are
    granted (every entry when ``None``), and the :class:`AskCase` saying so."""
    if granted is None:
        required = dict.fromkeys(k for entry in entries for k in entry[2].requires)
        return list(entries), AskCase(required=tuple(required))
    kept: list[Entry] = []
    left: list[str] = []
    for entry in entries:
        project, index, flow, period, _, given = entry
        missing = [k for k in flow.requires if k not in granted]
        if missing:
            label = f" {given!r}" if given else ""
            requires = ", ".join(missing)
            left.append(f"{project.key} line {index}{label} {period} (requires {requires})")
        else:
            kept.append(entry)
    required = dict.fromkeys(k for entry in kept for k in entry[2].requires)
    return kept, AskCase(granted=granted, left_out=tuple(left), required=tuple(required))
