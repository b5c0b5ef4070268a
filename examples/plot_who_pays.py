"""Who pays and who benefits: a heat map across partners.

The Essex tables do not say which partner bears each cost or receives each saving (every
line is "unattributed"), so this example builds an **illustrative** scenario on FBC3
(Reducing Reoffending, £517k of costs and £25.2m of non-cashable benefit): it assumes the
police and probation share the costs and the benefit falls to the police, the Ministry of
Justice and the NHS. The shares are this example's assumption, not the sources'.

Run: ``python examples/plot_who_pays.py`` (needs ``wecb[plot]``); writes
``examples/output/who_pays.png``.
"""

from __future__ import annotations

from pathlib import Path

import attrs
from _common import output_path

from wecb import CashFlow, Nature, Programme, WhoPaysWhoBenefits, who_pays
from wecb.datasets import essex_2012
from wecb.present.plots import who_pays_heatmap

#: Illustrative splits: who bears FBC3's costs and who receives its benefit.
PAYERS = {"essex_police": 3, "probation": 1}
BENEFICIARIES = {"essex_police": 5, "moj": 3, "ccgs": 2}


def scenario() -> Programme:
    """Essex 2012 with FBC3's lines split between partners as assumed above."""
    essex = essex_2012()
    fbc3 = essex.project("FBC3")
    flows: list[CashFlow] = []
    for flow in fbc3.cash_flows:
        shares = PAYERS if flow.nature is Nature.COST else BENEFICIARIES
        parts = flow.amount.allocate(list(shares.values()))
        for partner, part in zip(shares, parts, strict=True):
            who = {"payer": partner} if flow.nature is Nature.COST else {"beneficiary": partner}
            flows.append(
                CashFlow(
                    amount=part,
                    nature=flow.nature,
                    period=flow.period,
                    cashable=flow.cashable,
                    value_type=flow.value_type,
                    label=flow.label,
                    **who,
                )
            )
    return essex.with_project(attrs.evolve(fbc3, table=None, flows=tuple(flows)))


def view() -> WhoPaysWhoBenefits:
    """Who pays and who benefits in FBC3 under the illustrative split."""
    return who_pays(scenario(), where={"project": "FBC3"})


def main(out_dir: Path | None = None) -> Path:
    """Draw the heat map and return the PNG's path."""
    essex = essex_2012()
    names = {p.key: p.name.removeprefix("The ") for p in essex.partners}
    path = output_path("who_pays.png", out_dir)
    who_pays_heatmap(
        view(), names=names, title="FBC3 Reducing Reoffending (illustrative split)", path=path
    )
    return path


if __name__ == "__main__":
    print(main())
