"""Assess: site status, claim credibility, force remaining, pace, deadline odds and claim consistency.

Pure stage code: :func:`assess` takes :class:`Evidence` and returns an :class:`Assessment`; the pipeline layer
loads the evidence from the store and stores snapshots. The model is documented in docs/assessment.md.
"""

from drawdown.assess.engine import Assessment, assess
from drawdown.assess.evidence import Evidence

__all__ = ["Assessment", "Evidence", "assess"]
