"""Which seed file holds each document the shipped data sets cite (tests only).

The data sets cite documents by key (:class:`wecb.model.documents.Citation`); the text of
the five Essex source papers is kept beside the repository in ``../shared/seeds`` under
file names a user cannot look up, so the mapping lives here, for the tests that check each
quote against its document's text. Documents found outside the seeds (a web page, a news
article) have no seed: their quotes are recorded with their URL and checked by the tests
of the data set that cites them.
"""

from __future__ import annotations

from typing import Final

from seeds import seed_path, seed_text

#: Document key -> seed file name.
SEED_OF: Final = {
    "ecc_council_report_2012": "000_d85ab48497893bb3.txt",
    "ecc_cabinet_issues_2012_10_30": "001_a01a70bd0756e5aa.txt",
    "tdc_cabinet_2012_11_07": "002_a38ee2056a84be54.txt",
    "ecc_cbud01_2011": "003_16a51a7057ee6b03.txt",
    "lga_forum_note_2012": "004_48d779feb29eb0e8.txt",
}


def document_raw(key: str) -> str:
    """The text of document ``key``'s seed file as stored (skips without the seeds)."""
    return seed_path(SEED_OF[key]).read_text("utf-8")


def document_text(key: str) -> str:
    """The text of document ``key``'s seed file, white space folded (skips without them)."""
    return seed_text(SEED_OF[key])
