"""A seeded generator of fictional contacts, with the notes and history a real network has.

Built on Faker (names, cities, dates) plus small curated pools for what Faker
does not know about (tech titles, conferences, topics), so documents read like
the notes people actually keep. The same seed and size give the same contacts,
byte for byte.
Tests and the app may reuse it: `generate_contacts(n, seed)`.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterable
from pathlib import Path

from faker import Faker

from coach.core.domain import Contact, Interaction, Note

TODAY = dt.date(2025, 6, 1)  # fixed, so that generated dates never drift
TITLES = (
    "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager",
    "Product Manager", "Senior Product Manager", "Data Scientist", "Data Engineer", "ML Engineer",
    "Designer", "UX Researcher", "Recruiter", "Technical Recruiter", "Founder", "CTO", "VP Engineering",
    "Head of Marketing", "Account Executive", "Solutions Architect", "DevRel Engineer", "Analyst",
    "Consultant", "Partner", "Investor", "Professor", "PhD Student", "Security Engineer", "SRE",
)
EVENTS = (
    "PyCon", "KubeCon", "re:Invent", "Web Summit", "SaaStr", "Strange Loop", "a local Python meetup",
    "a product management meetup", "the alumni dinner", "a hackathon", "Grace Hopper Celebration",
    "a design systems workshop", "NeurIPS", "a startup pitch night", "a women in tech breakfast",
)
TOPICS = (
    "payments APIs", "Kubernetes migrations", "data engineering", "LLM evaluation", "design systems",
    "developer experience", "pricing strategy", "hiring senior engineers", "remote team rituals",
    "open-source maintenance", "growth marketing", "fundraising", "observability", "mobile performance",
    "career changes into product", "security reviews", "analytics dashboards", "climate tech",
)
HOBBIES = ("running", "climbing", "sourdough", "chess", "cycling", "jazz", "board games", "photography",
           "sailing", "gardening")
TAGS = ("mentor", "former-colleague", "recruiter", "investor", "alumni", "conference", "client", "friend",
        "hiring-manager", "community")
CHANNELS = ("email", "linkedin", "call", "meeting", "event")
SUMMARIES = (
    "Coffee chat about {topic}", "They shared advice on {topic}", "I sent a thank-you after {event}",
    "Asked about openings on their team", "Caught up on {topic} and family", "Intro to a friend working on {topic}",
    "Congratulated them on the new role", "Quick call about a possible collaboration",
)
NOTE_TEMPLATES = (
    "Met at {event} {year}; we talked about {topic}.",
    "Works on {topic} at {company}; offered to review my resume.",
    "Was my manager at {old_company} for two years. Great at giving feedback.",
    "Into {hobby}. Has two kids. Prefers email over LinkedIn.",
    "Moved from {old_company} to {company} last spring.",
    "Gave a talk on {topic} at {event}. Happy to make intros to people in {field}.",
    "Alumni from {school}. Mentors early-career folks in {field}.",
    "Hiring for a {title} role next quarter.",
)
GUIDANCE_QUERIES = (
    "how do I ask a weak tie for a referral", "what to write in a LinkedIn connection note",
    "following up when someone does not reply", "finding a mentor in my field",
    "reconnecting after years of silence", "telling my network I was laid off",
    "how to get value out of a conference", "proposing a partnership to another small business",
    "thank-you note after an informational interview", "asking a very senior person for advice",
    "keeping in touch without being annoying", "good subject line for a cold email",
)
LINKEDIN_HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")


def _companies(fake: Faker, rng: random.Random, n: int) -> list[str]:
    """A pool smaller than the network, so that several contacts share an employer."""
    pool: list[str] = []
    while len(pool) < max(8, n // 6):
        name = fake.company().replace(",", "")
        if name not in pool:
            pool.append(name)
    rng.shuffle(pool)
    return pool


def generate_contacts(n: int, seed: int = 7) -> list[Contact]:
    """`n` fictional contacts (no ids), deterministic in (n, seed)."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    companies = _companies(fake, rng, max(n, 60))
    schools = [f"{fake.city()} University" for _ in range(12)]
    contacts = []
    seen: set[str] = set()
    for i in range(n):
        first, last = fake.first_name(), fake.last_name()
        while f"{first} {last}" in seen:  # one person per name, as a real export mostly is
            first, last = fake.first_name(), fake.last_name()
        seen.add(f"{first} {last}")
        company, old_company = rng.choice(companies), rng.choice(companies)
        title = rng.choice(TITLES)
        slot = {"event": rng.choice(EVENTS), "year": rng.randint(2018, 2025), "topic": rng.choice(TOPICS),
                "company": company, "old_company": old_company, "hobby": rng.choice(HOBBIES),
                "field": rng.choice(TOPICS), "school": rng.choice(schools), "title": rng.choice(TITLES)}
        notes = [Note(text=t.format(**slot), date=TODAY - dt.timedelta(days=rng.randint(10, 1500)), source="manual")
                 for t in rng.sample(NOTE_TEMPLATES, k=rng.choice((0, 1, 1, 2, 2, 3)))]
        interactions = [
            Interaction(date=TODAY - dt.timedelta(days=rng.randint(1, 1000)), channel=rng.choice(CHANNELS),
                        direction=rng.choice(("outbound", "inbound", "both")),
                        summary=rng.choice(SUMMARIES).format(**slot))
            for _ in range(rng.choice((0, 0, 1, 2, 4)))
        ]
        slug = f"{first}-{last}-{i:05d}".lower().replace(" ", "-").replace("'", "")
        domain = "".join(ch for ch in company.lower() if ch.isalnum())[:20] or "example"
        contacts.append(Contact(
            first_name=first, last_name=last, company=company, title=title,
            emails=[f"{first}.{last}@{domain}.example".lower().replace(" ", "")] if rng.random() < 0.4 else [],
            linkedin_url=f"https://www.linkedin.com/in/{slug}",
            tags=sorted(rng.sample(TAGS, k=rng.choice((0, 1, 1, 2)))),
            location=f"{fake.city()}, {fake.state_abbr()}",
            how_we_met=f"Met at {slot['event']} {slot['year']}" if rng.random() < 0.3 else "",
            connected_on=TODAY - dt.timedelta(days=rng.randint(30, 4000)),
            sources=["coach"], notes=notes, interactions=interactions,
            last_contacted=max((x.date for x in interactions), default=None),
        ))
    return contacts


def contact_queries(contacts: list[Contact], n: int, seed: int = 11) -> list[str]:
    """Questions a user asks about their own network: by company, topic, event, name, role."""
    rng = random.Random(seed)
    forms = (
        lambda c: f"who do I know at {c.company}",
        lambda c: f"someone who knows about {rng.choice(TOPICS)}",
        lambda c: f"people I met at {rng.choice(EVENTS)}",
        lambda c: c.name,
        lambda c: f"{c.title} in {c.location.split(',')[0]}",
        lambda c: f"a {rng.choice(TAGS).replace('-', ' ')} who could help with {rng.choice(TOPICS)}",
    )
    return [forms[i % len(forms)](rng.choice(contacts)) for i in range(n)]


def write_linkedin_csv(contacts: Iterable[Contact], path: Path) -> Path:
    """A LinkedIn `Connections.csv`, as LinkedIn exports it (preamble, then the header)."""
    with path.open("w", newline="", encoding="utf-8") as out:
        out.write("Notes:\n\"When exporting your connection data, you may notice that some of the email "
                  "addresses are missing.\"\n\n")
        writer = csv.writer(out)
        writer.writerow(LINKEDIN_HEADER)
        for c in contacts:
            writer.writerow((c.first_name, c.last_name, c.linkedin_url, c.email, c.company, c.title,
                             c.connected_on.strftime("%d %b %Y") if c.connected_on else ""))
    return path


def write_coach_csv(contacts: Iterable[Contact], path: Path) -> Path:
    """The coach's own lossless CSV (notes and interactions included)."""
    from coach.crm.exporters import write_csv

    with path.open("w", newline="", encoding="utf-8") as out:
        write_csv(contacts, out)
    return path


def with_job_changes(contacts: list[Contact], share: float, seed: int) -> tuple[list[Contact], int]:
    """The same people as a later export would list them: `share` of them (at least one) at another company
    with another title. Returns the copies and how many changed."""
    rng = random.Random(seed + 1)
    companies = sorted({c.company for c in contacts if c.company})
    movers = set(rng.sample(range(len(contacts)), max(1, round(share * len(contacts))))) if contacts else set()
    moved = []
    for i, c in enumerate(contacts):
        if i in movers:
            company = rng.choice([x for x in companies if x != c.company] or companies)
            title = rng.choice([t for t in TITLES if t != c.title])
            moved.append(c.model_copy(update={"company": company, "title": title}))
        else:
            moved.append(c)
    return moved, len(movers)
