"""Dates as notes write them: the parsing lives in `coach.core.dates` (the facts' rules read meeting months
with it too); the checks import it from here."""

from coach.core.dates import (  # noqa: F401  (re-exported)
    MONTHS,
    SEASONS,
    claim_forms,
    date_phrases,
    date_words,
    month_number,
    months_in,
)
