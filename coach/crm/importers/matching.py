"""Who an imported person is: the same stored contact, a new one, or a new one that may be a duplicate.

Two people are never merged on a guess. An imported person joins a stored contact only when

1. a strong key agrees: the same source id (a row imported before, a vCard UID), the same
   LinkedIn profile, the same email, or the same phone number (with first names that agree); or
2. the names agree (first given name and last name; further given names compatible, so
   `Ana María López` is `Ana López`) and no field conflicts: a different middle name, company,
   email, phone or LinkedIn profile on both sides means two people who share a name.

A person whose name matches but who conflicts, or who matches several stored people
equally well, is created as a new contact and reported as a *possible duplicate* with
the contacts it resembles and why; `coach contacts merge` resolves it if they are one person.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import BaseModel, Field

from coach.core.domain import Contact, clean_identity
from coach.crm.importers.hygiene import phone_key
from coach.crm.importers.keys import company_key, name_key, normalize, short_name_key


class Decision(BaseModel):
    """Where one imported person goes."""

    contact_id: int | None = Field(default=None, description="The stored contact it is; None: a new contact.")
    possible: list[int] = Field(default_factory=list, description="Stored contacts it may duplicate.")
    reason: str = Field(default="", description="Why it was not merged with them, in one sentence.")


def email_key(value: str) -> str:
    return clean_identity(value).casefold()


def _given(first: str, middle: str) -> list[str]:
    """The given names after the first one: 'Ana María' + '' -> ['maria']; 'John' + 'P.' -> ['p']."""
    words = normalize(f"{first} {middle}").split()
    return words[1:]


def _compatible(a: list[str], b: list[str]) -> bool:
    """Further given names agree: one side has none, or they agree word by word (an initial agrees with
    a name it starts: 'P' and 'Paul')."""
    if not a or not b:
        return True
    if len(a) != len(b):
        return False
    return all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
               for x, y in zip(a, b, strict=True))


def _first_given(first: str) -> str:
    words = normalize(first).split()
    return words[0] if words else ""


class Matcher:
    """In-memory indexes of the stored contacts' identities, and the rule that decides a match."""

    def __init__(self) -> None:
        self.by_source: dict[str, int] = {}
        self.by_linkedin: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_short: dict[str, set[int]] = defaultdict(set)
        self.records: dict[int, dict[str, Any]] = {}

    def add(self, cid: int, record: dict[str, Any]) -> None:
        """Index (or re-index, after a merge) stored contact `cid`."""
        self.records[cid] = record
        if record.get("linkedin_url"):
            self.by_linkedin.setdefault(record["linkedin_url"].lower(), cid)
        for value in record.get("emails") or []:
            self.by_email.setdefault(email_key(value), cid)
        for value in record.get("phones") or []:
            key = phone_key(value)
            if sum(ch.isdigit() for ch in key) >= 7:
                self.by_phone.setdefault(key, cid)
        self.by_short[short_name_key(record.get("first_name") or "", record.get("last_name") or "")].add(cid)

    def add_source_key(self, key: str, cid: int) -> None:
        self.by_source.setdefault(key, cid)

    def match(self, contact: Contact, source_keys: tuple[str, ...] = ()) -> int | None:
        """The stored contact `contact` is, or None (a new contact, possibly a duplicate)."""
        return self.decide(contact, source_keys).contact_id

    def decide(self, contact: Contact, source_keys: tuple[str, ...] = (),
               claimed: set[int] | frozenset[int] = frozenset()) -> Decision:
        """Where `contact` goes. `claimed`: contacts an earlier entry of the same file became; two entries
        of one export that share only a name are two entries (two people, or a duplicate in the export),
        so they are kept apart and reported, never merged by name."""
        for key in source_keys:
            cid = self.by_source.get(key)
            if cid is not None and cid in self.records:
                return Decision(contact_id=cid)
        strong = self._strong(contact)
        if strong is not None:
            return strong
        short = short_name_key(contact.first_name, contact.last_name)
        candidates = sorted(self.by_short.get(short, ()))
        if not short or not candidates:
            return Decision()
        clashes = {cid: self.conflicts(self.records[cid], contact) for cid in candidates}
        agreeing = [cid for cid in candidates if not clashes[cid] and cid not in claimed]
        identical = [cid for cid in agreeing if self._same(self.records[cid], contact)]
        if identical:
            return Decision(contact_id=identical[0])  # stored twice already: the same values are one person
        if len(agreeing) == 1:
            return Decision(contact_id=agreeing[0])
        if agreeing:
            return Decision(possible=agreeing, reason=(
                f"the same name as {len(agreeing)} contacts ({_ids(agreeing)}) that differ from one another; "
                "not merged on a guess"))
        described = "; ".join(
            f"#{cid} has a different {', '.join(clashes[cid])}" if clashes[cid]
            else f"#{cid} comes from another entry of this file" for cid in candidates)
        return Decision(possible=candidates, reason=f"the same first and last name as {_ids(candidates)}, but "
                                                     f"{described}: kept apart")

    def _strong(self, contact: Contact) -> Decision | None:
        url = contact.linkedin_url.lower()
        if url and url in self.by_linkedin:
            return Decision(contact_id=self.by_linkedin[url])
        for value in contact.emails:
            cid = self.by_email.get(email_key(value))
            if cid is not None:
                return Decision(contact_id=cid)
        for value in contact.phones:
            cid = self.by_phone.get(phone_key(value))
            if cid is None:
                continue
            record = self.records[cid]
            mine, theirs = _first_given(record.get("first_name") or ""), _first_given(contact.first_name)
            if not mine or not theirs or mine == theirs:
                return Decision(contact_id=cid)
            return Decision(possible=[cid], reason=f"shares the phone number {value} with #{cid}, whose first name "
                                                   "differs (a shared line?): kept apart")
        return None

    @staticmethod
    def conflicts(record: dict[str, Any], contact: Contact) -> list[str]:
        """The fields on which a stored contact and an imported person both have values that disagree."""
        out: list[str] = []
        if not _compatible(_given(record.get("first_name") or "", record.get("middle_name") or ""),
                           _given(contact.first_name, contact.middle_name)):
            out.append("middle name")
        stored_company = record.get("company_key") or company_key(record.get("company") or "")
        incoming_company = company_key(contact.company)
        if stored_company and incoming_company and stored_company != incoming_company:
            out.append("company")
        stored = {email_key(v) for v in record.get("emails") or []}
        incoming = {email_key(v) for v in contact.emails}
        if stored and incoming and not stored & incoming:
            out.append("email")
        stored = {phone_key(v) for v in record.get("phones") or []}
        incoming = {phone_key(v) for v in contact.phones}
        if stored and incoming and not stored & incoming:
            out.append("phone")
        url = (record.get("linkedin_url") or "").lower()
        if url and contact.linkedin_url and url != contact.linkedin_url.lower():
            out.append("LinkedIn profile")
        return out

    @staticmethod
    def _same(record: dict[str, Any], contact: Contact) -> bool:
        return (record.get("name_key") or name_key(record.get("first_name") or "", record.get("middle_name") or "",
                                                   record.get("last_name") or "")) == name_key(
            contact.first_name, contact.middle_name, contact.last_name) and (
            (record.get("company_key") or "") == company_key(contact.company))


def _ids(cids: list[int]) -> str:
    return ", ".join(f"#{c}" for c in cids)
