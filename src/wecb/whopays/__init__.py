"""Who pays and who benefits: the investor x beneficiary matrix of a programme
(:func:`who_pays`, :class:`WhoPaysWhoBenefits`), and agreements that share benefits
between partners (:func:`share_benefits`).

Modules: :mod:`~wecb.whopays.matrix` (the view), :mod:`~wecb.whopays.attribution` (the
attribution rule), :mod:`~wecb.whopays.agreements` (benefit-sharing agreements) and
:mod:`~wecb.whopays.sharing` (an agreement applied: each partner's position).
"""

from wecb.whopays.agreements import CostsFirstThenProRata, FixedShares, SharingAgreement
from wecb.whopays.attribution import who_pays
from wecb.whopays.matrix import NO_INVESTMENT, WhoPaysWhoBenefits
from wecb.whopays.sharing import PartnerPosition, SharingOutcome, share_benefits

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
