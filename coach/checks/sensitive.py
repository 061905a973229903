"""What a networking message must never carry: requests for secrets, and other people's contact details.

Used by the checker's hard `sensitive` check, whatever the notes say (a note planted through an import
or pasted carelessly must not turn into "send me your bank login").

* Secrets: a small vocabulary (below), matched on folded words, of what nobody should ask for in an
  outreach message: credentials (passwords, login details, one-time codes), payment details (bank
  logins and account numbers, card numbers, wire transfers) and identity documents and data (passport,
  social security number, driver's licence, date of birth, home address). Each entry is a phrase, not a
  single common word, so "pin a time" or "impressive credentials" pass.
* Contact details: e-mail addresses (found by shape, confirmed by `email-validator`'s syntax rules),
  phone numbers (`phonenumbers.PhoneNumberMatcher`, which knows every country's numbering plan) and
  street addresses (a house number, one to four capitalised words and a street word such as Street, Ave or
  Road). Details the
  sender wrote themselves for this message (their request, their words, their profile) are theirs to
  share; any other one, the recipient's own included, fails.
"""

from __future__ import annotations

import re

from coach.core.text import fold

# One phrase per line of thought; matched as whole words on folded text (accents and case removed).
SECRETS: dict[str, tuple[str, ...]] = {
    "credentials": (
        "password", "passwords", "passcode", "passphrase", "pin code", "pin number", "login details",
        "log in details", "login credentials", "account credentials", "your login",
        "your log in", "your username", "security question", "security questions", "verification code",
        "one time code", "one time password", "2fa code", "otp", "recovery code", "seed phrase", "private key",
    ),
    "payment details": (
        "bank login", "bank logins", "bank details", "bank account", "account number", "routing number",
        "sort code", "iban", "swift code", "credit card", "debit card", "card number", "card details", "cvv",
        "cvc", "security code", "expiry date", "expiration date", "wire transfer", "wire the money",
        "payment details", "gift card", "gift cards", "crypto wallet", "wallet address",
    ),
    "identity documents": (
        "passport", "passport number", "social security", "ssn", "national insurance number", "national id",
        "id card", "identity card", "driver's license", "drivers license", "driving licence", "driver's licence",
        "date of birth", "birth date", "birthdate", "dob", "mother's maiden name", "maiden name", "tax id",
        "tax number", "home address", "your address", "photo id", "copy of your id", "scan of your id",
    ),
}

_PHRASES = sorted({(kind, fold(p)) for kind, phrases in SECRETS.items() for p in phrases}, key=lambda x: -len(x[1]))
_SECRET = {kind: re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(p).replace(r"\ ", r"[\s-]+")
                                                    for k, p in _PHRASES if k == kind) + r")(?![\w'])")
           for kind in SECRETS}
_EMAIL_SHAPE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
STREET_WORDS = ("street", "st", "avenue", "ave", "road", "rd", "lane", "ln", "boulevard", "blvd", "drive", "dr",
                "court", "ct", "way", "place", "pl", "terrace", "square", "sq", "crescent", "close", "strasse",
                "straße", "highway", "hwy", "parkway", "pkwy")
_STREET = re.compile(r"\b\d{1,5}[A-Za-z]?\s+(?:[A-ZÀ-Ý][\w'-]*\s+){1,4}(?i:" + "|".join(STREET_WORDS) + r")\b\.?")
PHONE_REGIONS = ("US", "GB", "DE", "FR", "IN")  # numbers without a country code are read as these countries'


def secret_requests(text: str) -> list[tuple[str, str]]:
    """(kind, phrase) for each credential, payment or identity term in `text`."""
    folded = fold(text).replace("’", "'")
    return [(kind, m.group(0)) for kind, pattern in _SECRET.items() for m in pattern.finditer(folded)]


def emails(text: str) -> list[str]:
    """E-mail addresses in `text` that are valid by email-validator's syntax rules."""
    from email_validator import EmailNotValidError, validate_email

    found = []
    for m in _EMAIL_SHAPE.finditer(text):
        try:
            validate_email(m.group(0).rstrip("."), check_deliverability=False)
        except EmailNotValidError:
            continue
        found.append(m.group(0).rstrip("."))
    return found


def phones(text: str) -> list[str]:
    """Phone numbers in `text`, as written, read with each region's numbering plan."""
    import phonenumbers

    found: dict[tuple[int, int], str] = {}
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            found.setdefault((match.start, match.end), match.raw_string)
    return list(dict.fromkeys(found.values()))


def street_addresses(text: str) -> list[str]:
    return [m.group(0).strip() for m in _STREET.finditer(text)]


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def contact_details(text: str, own: str = "") -> list[str]:
    """E-mails, phone numbers and street addresses in `text` that do not appear in `own` (the sender's words)."""
    own_fold, own_digits = fold(own), _digits(own)
    found = [e for e in emails(text) if fold(e) not in own_fold]
    found += [p for p in phones(text) if not (own_digits and _digits(p) in own_digits)]
    found += [a for a in street_addresses(text) if fold(a) not in own_fold]
    return found
