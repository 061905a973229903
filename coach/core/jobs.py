"""The words a job title ends in ("Staff Data Engineer", "Perception Engineer II", "Nurse Manager"): one list for
every reader that has to tell a title from other capitalised words (a request's bare role, a business card's
title line)."""

from __future__ import annotations

JOB_WORDS = (
    "engineer", "manager", "analyst", "coordinator", "designer", "scientist", "developer", "sre", "lead", "head",
    "director", "specialist", "consultant", "researcher", "architect", "administrator", "associate", "intern", "pm",
    "officer", "chief", "vp", "vice president", "president", "ceo", "cto", "cfo", "coo", "founder", "co-founder",
    "cofounder", "nurse", "accountant", "actuary", "advocate", "writer", "editor", "producer", "strategist", "planner",
    "technician", "recruiter", "marketer", "counsel", "attorney", "paralegal", "teacher", "professor", "lecturer",
    "fellow", "partner", "principal", "owner", "operator", "supervisor", "therapist", "pharmacist", "physician",
    "economist", "statistician", "auditor", "controller", "buyer", "chef", "curator", "artist", "animator",
    "illustrator", "photographer", "trainer", "agent", "representative", "rep", "clerk", "assistant", "secretary",
    "mechanic", "electrician", "surgeon", "dentist", "veterinarian", "pilot", "driver", "instructor", "librarian",
    "archivist", "translator", "interpreter", "dietitian", "paramedic", "counselor", "counsellor", "worker",
    "generalist", "expert", "advisor", "adviser", "md", "rn", "phd", "dds", "cpa",
)


def job_words_pattern() -> str:
    """The words as a regex alternation, longest first ("vice president" before "president")."""
    return "|".join(w.replace(" ", r"\s+").replace("-", "-?") for w in sorted(JOB_WORDS, key=len, reverse=True))
