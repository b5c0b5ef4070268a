"""Who pays and who benefits: the investor x beneficiary matrix of a programme
(:func:`who_pays`, :class:`WhoPaysWhoBenefits`), and agreements that share benefits
between partners (:func:`share_benefits`).

Modules: :mod:`~wecb.whopays.matrix` (the view), :mod:`~wecb.whopays.attribution` (the
attribution rule) and :mod:`~wecb.whopays.sharing` (benefit-sharing agreements).
"""

from wecb.whopays.attribution import who_pays
from wecb.whopays.matrix import NO_INVESTMENT, WhoPaysWhoBenefits
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
