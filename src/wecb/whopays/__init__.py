"""Who pays and who benefits: the investor x beneficiary matrix of a programme, and
agreements that share benefits between partners."""

from wecb.whopays.matrix import NO_INVESTMENT, WhoPaysWhoBenefits, who_pays
from wecb.whopays.sharing import (
    CostsFirstThenProRata,
    FixedShares,
    PartnerPosition,
    SharingAgreement,
    SharingOutcome,
    share_benefits,
)

__all__ = [
    "NO_INVESTMENT",
    "CostsFirstThenProRata",
    "FixedShares",
    "PartnerPosition",
    "SharingAgreement",
    "SharingOutcome",
    "WhoPaysWhoBenefits",
    "share_benefits",
    "who_pays",
]
