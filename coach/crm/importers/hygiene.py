"""Field hygiene for what exports put in email and phone fields, with the libraries that know the rules.

Exports carry things that only look like emails (`urn:li:member:12345` from LinkedIn,
`semicolon;@points.net` from a broken vCard) and phones in every national style. An email
is kept only when `email-validator` accepts its syntax (nothing is looked up on the
network); a phone is written in the international format when `phonenumbers` can read it
(it needs a leading + and country code), and kept as written otherwise. Phones are
matched on their E.164 form, so `+44 20 7946 0000` and `+442079460000` are one number.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

MIN_PHONE_DIGITS = 5  # fewer is an extension or a typo, not a number to call or to match on


def email(value: str) -> str | None:
    """The address in normalised form (domain lower-cased), or None when it is not an email address."""
    text = value.strip().removeprefix("mailto:").removeprefix("MAILTO:").strip()
    if not text:
        return None
    try:
        return validate_email(text, check_deliverability=False, test_environment=True).normalized
    except EmailNotValidError:
        return None


def phone(value: str) -> str | None:
    """The number in international format when it has a country code, else as written; None if it has
    too few digits to be a phone number."""
    text = " ".join(value.strip().removeprefix("tel:").split())
    if sum(ch.isdigit() for ch in text) < MIN_PHONE_DIGITS:
        return None
    parsed = _parse(text)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return text  # kept as written: a number the library cannot vouch for is not rewritten
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_key(value: str) -> str:
    """What two phones are matched on: E.164 when the number has a country code, else its digits."""
    parsed = _parse(value)
    if parsed is not None:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return re.sub(r"\D", "", value) or value


def _parse(text: str) -> phonenumbers.PhoneNumber | None:
    if not text.lstrip().startswith("+"):
        return None  # no country code: no region to assume for a file from anywhere
    try:
        parsed = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    return parsed if phonenumbers.is_possible_number(parsed) else None


class Hygiene:
    """Cleans a row's emails and phones, collecting a sentence for each value left out."""

    def __init__(self, problems: list[str]):
        self.problems = problems

    def emails(self, values: list[str], label: str) -> list[str]:
        out: list[str] = []
        for value in values:
            clean = email(value)
            if clean is None:
                if value.strip():
                    self.problems.append(f"{label} {value.strip()[:60]!r} is not an email address; "
                                         "imported the row without it")
                continue
            if clean.casefold() not in (o.casefold() for o in out):
                out.append(clean)
        return out

    def phones(self, values: list[str], label: str) -> list[str]:
        out: list[str] = []
        keys: set[str] = set()
        for value in values:
            clean = phone(value)
            if clean is None:
                if value.strip():
                    self.problems.append(f"{label} {value.strip()[:40]!r} is not a phone number; "
                                         "imported the row without it")
                continue
            key = phone_key(clean)
            if key not in keys:
                keys.add(key)
                out.append(clean)
        return out
