"""The words a job title ends in ("Staff Data Engineer", "Perception Engineer II", "Nurse Manager"): one list for
every reader that has to tell a title from other capitalised words (a request's bare role, a business card's
title line)."""

from __future__ import annotations

import re

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


# A reference: letters and digits joined by a dash ("TP-5521"), or a number after a word that says what it is ("req
# 88412", "job ID 4471"). Read in a request (coach.drafting.wants) and to tell which of a note's links the request
# names (coach.checks.links).
REF = re.compile(r"(?:\b(?:req(?:uisition)?|job(?:\s+id)?|id|ref(?:erence)?|ticket|pr|issue|case|order|app(?:lication)?)"
                 r"\s*(?:#|no\.?|number)?\s*[A-Z0-9][\w-]*\d[\w-]*|#\d{2,}|\b[A-Z]{1,6}(?:-[A-Z]{1,6})*-\d[\w-]*)", re.IGNORECASE)
