"""Grammar invariants every emitted sentence keeps, over generated notes in many styles (hypothesis)."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.checks import grammar
from coach.core.domain import GOALS, Contact, Note, Profile
from coach.core.text import LEADING_GREETING, SIGNOFF, sentences
from coach.drafting.composer import Brief, compose

FIRST = ["Priya", "Tomás", "Aisha", "Ken", "Léa", "Olu", "Mateo", "Grace"]
COMPANY = ["Stripe", "Acme", "Northwind", "Bluepeak Labs", "Contoso"]
EVENT = ["PyCon US 2024", "KubeCon Paris", "the Lisbon product meetup", "Config 2023", "RailsConf"]
PLACE = ["Lyon", "Pittsburgh", "Berlin", "Austin"]
TOPIC = ["eBPF tracing", "payments APIs", "the Q3 roadmap", "design systems", "hiring", "her new team"]
THING = ["my resume", "my portfolio", "the migration plan", "my talk", "the pitch deck"]
COND = ["when roles open on her team", "once I finish the course", "if I move to Berlin", "when I'm ready"]
DATE = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2025, 12, 31))


@st.composite
def note_text(draw, first: str) -> tuple[str, str]:
    """(style, text): one note as people keep them."""
    style = draw(st.sampled_from(["obsidian", "shorthand", "first-person", "third-person", "vcard", "rambling",
                                  "third-party", "form"]))
    ev, place, topic, thing, cond, company = (draw(st.sampled_from(x)) for x in (EVENT, PLACE, TOPIC, THING, COND,
                                                                             COMPANY))
    y1 = draw(st.integers(2012, 2022))
    if style == "obsidian":
        occasion = draw(st.sampled_from(["Offsite", "Coffee", "Lunch", "Dinner", "Call"]))
        text = f"{occasion} in {place}\n" + draw(st.sampled_from([f"We planned {topic}.", f"- talked {topic}",
                                                                 f"She reviewed {thing}.", f"{first} was hiring."]))
    elif style == "shorthand":
        text = draw(st.sampled_from([f"met @ {ev} - talked {topic}", f"helped me w/ {thing}",
                                     f"said to ping her {cond}", f"coffee @ {place}, {topic}", "lunch?? idk",
                                     f"ex-colleague at {company}", "intro'd me to her CTO"]))
    elif style == "first-person":
        text = draw(st.sampled_from([f"I asked {first} about {topic}.", f"I told her I was quitting {company}.",
                                     f"I sent her {thing} last week.", f"We worked together at {company} "
                                     f"{y1}-{y1 + 2}."]))
    elif style == "third-person":
        text = draw(st.sampled_from([f"{first} keeps saying we should grab lunch.", f"She runs the {topic} team.",
                                     f"She just joined {company} as Staff Eng.", f"{first} was my manager at "
                                     f"{company} {y1}-{y1 + 3}.", f"She mentored me in the {company} program.",
                                     "He has two kids and loves climbing.", f"She is moving to {place}."]))
    elif style == "vcard":
        text = f"Colleague at {company} {y1}-{y1 + 2}; my manager; {topic}"
    elif style == "third-party":
        text = draw(st.sampled_from([f"{first}'s boss Mark said they might reopen the role.",
                                     f"She introduced me to Tom Reyes at {company}.",
                                     f"Her manager Dana runs the {topic} team.",
                                     "She said she owes me one.", f"Mentioned he now runs the {topic} team."]))
    elif style == "form":
        text = f"Role: VP at {company}\nMet: {ev}\nNotes: paired on {topic} during the hack day; likes climbing"
    else:
        text = (f"so we met at {ev} in {place} and she was really into {topic}, and then later she offered to "
                f"review {thing} which was super kind, also she has a dog")
    return style, text


@st.composite
def contacts(draw) -> Contact:
    first = draw(st.sampled_from(FIRST))
    notes = [Note(id=i + 1, text=draw(note_text(first))[1], date=draw(DATE),
                  source=draw(st.sampled_from(["markdown", "manual", "vcard"])))
             for i in range(draw(st.integers(0, 3)))]
    how = draw(st.sampled_from(["", *EVENT, "through the Women in Tech network", "she gave a talk at RailsConf"]))
    return Contact(id=1, first_name=first, last_name="Doe", company=draw(st.sampled_from(["", *COMPANY])),
                   title=draw(st.sampled_from(["", "Staff Engineer", "VP Product"])), how_we_met=how, notes=notes)


def emitted(body: str) -> list[str]:
    lines = []
    for line in body.splitlines():
        if SIGNOFF.match(line):
            break
        lines.append(line)
    text = LEADING_GREETING.sub("", "\n".join(lines).strip(), count=1)
    text = text[:1].upper() + text[1:]
    return [s for s in sentences(text) if s.strip()]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contact=contacts(), goal=st.sampled_from(GOALS),
       channel=st.sampled_from(["linkedin-note", "linkedin-message", "email"]))
def test_every_emitted_sentence_keeps_the_invariants(contact: Contact, goal: str, channel: str) -> None:
    brief = Brief(contact=contact, profile=Profile(name="Sam Lee"), goal=goal, channel=channel)
    made = compose(brief)
    if made is None:
        return
    body = made[1]
    for sentence in emitted(body):
        assert grammar.problems(sentence, brief.names()) == [], (sentence, body, [n.text for n in contact.notes])


def test_the_invariants_catch_what_readers_notice() -> None:
    names = {"lyon", "priya"}
    assert grammar.problems("I often think back to our offsite in Lyon We planned the roadmap.", names)
    assert grammar.problems("Congratulations on you new role.", names)
    assert grammar.problems("I told your I was quitting.", names)
    assert grammar.problems("I know you keeps saying it.", names)
    assert grammar.problems("I hear you was there.", names)
    assert grammar.problems("it was great meeting you.", names)
    assert grammar.problems("It was great meeting you", names)
    assert grammar.problems("Great meeting at the dinner in Lyon...", names)
    assert not grammar.problems("It was great meeting you in Lyon, Priya.", names)
    assert not grammar.problems("In March, you asked me to get back in touch when I'm ready.", names)
    assert grammar.problems("You said to call your you.", names)  # a possessive left without its noun
    assert not grammar.problems("I promised her I would send it.", names)  # "her" is an object here


FRAME = {"you", "your", "yours", "yourself", "we", "i", "me", "my", "at", "in", "over", "the", "asked", "to", "get",
         "back", "touch", "worked", "together", "on", "talked", "about", "formerly", "were", "are", "have", "offered"}


@settings(max_examples=200, deadline=None)
@given(contact=contacts())
def test_every_fact_is_made_of_the_notes_own_words(contact: Contact) -> None:
    import re

    from coach.core.text import fold
    from coach.crm.facts.rules import extract_rules as extract

    said = fold(" ".join([contact.how_we_met, contact.title, contact.company, *(n.text for n in contact.notes)]))
    have = set(re.findall(r"[\w'’-]+", said.replace("@", " at ").replace("w/", "with "))) | FRAME
    for fact in extract(contact):
        words = set(re.findall(r"[\w'’-]+", fold(fact.phrase)))
        agreeing = {w for w in words if f"{w}s" in have or f"{w}es" in have}  # "he runs" said as "you run"
        assert words - agreeing <= have, (fact.kind, fact.phrase, words - agreeing - have)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_extraction_never_fails_on_any_text(text: str) -> None:
    from coach.crm.facts.rules import extract_rules as extract

    contact = Contact(id=1, first_name="Ana", notes=[Note(id=1, text=text or "x", date=dt.date(2024, 1, 1),
                                                          source="markdown")])
    for fact in extract(contact):
        assert fact.phrase.strip()


# ---------------------------------------------------------------- requests that carry instructions (issue 24)
SAID = ["the Staff Engineer opening on her team", "she just got promoted to VP Product",
        "I finished the data engineering course", "her talk on eBPF tracing", "ask her to introduce me to Tom Reyes",
        "thank her for the intro to Dana", "propose co-hosting a hiring workshop", "saw her paper got accepted",
        "want to hear how she moved into management", ""]
STYLE = ["keep it short", "make it warm", "formal please", "short and friendly pls", "in French pls", "be brief"]
AVOID = ["don't bring up the layoffs", "don't mention the merger", "no need to mention Lyon", "avoid the reorg"]
SEP = [", ", " - ", "; ", "!! ", ". "]


@st.composite
def requests(draw) -> tuple[str, list[str]]:
    """(the user's words, the words that must never be said): content, instructions and things to leave out."""
    parts = [draw(st.sampled_from(SAID))]
    style = draw(st.lists(st.sampled_from(STYLE), max_size=2, unique=True))
    avoid = draw(st.lists(st.sampled_from(AVOID), max_size=1))
    parts = [p for p in draw(st.permutations([*parts, *style, *avoid])) if p]
    seps = [draw(st.sampled_from(SEP)) for _ in parts]
    text = "".join(p + (s if i < len(parts) - 1 else "") for i, (p, s) in enumerate(zip(parts, seps, strict=True)))
    never = [*style, *(["french", "pls"] if "in French pls" in style else []), *(a.split()[-1] for a in avoid)]
    return text, never


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contact=contacts(), goal=st.sampled_from(GOALS), channel=st.sampled_from(["linkedin-note", "email"]),
       request=requests())
def test_instructions_in_a_request_are_applied_never_said(contact: Contact, goal: str, channel: str,
                                                          request: tuple[str, list[str]]) -> None:
    from coach.core.text import fold

    text, never = request
    brief = Brief(contact=contact, profile=Profile(name="Sam Lee"), goal=goal, channel=channel, context=text)
    made = compose(brief)
    if made is None:
        return
    body = fold(made[1])
    for word in never:
        assert not re.search(rf"\b{re.escape(fold(word))}", body), (word, text, made[1])
    for sentence in emitted(made[1]):
        assert grammar.problems(sentence, brief.names()) == [], (sentence, made[1], text)


# ---------------------------------------------------------------- notes: headings, to-dos and doubts (issue 24)
FILING = ["Follow-ups", "Todo", "Links", "Notes", "Next steps", "Questions"]
ASIDE = ["- send her my talk recording", "- ask about the opening?", "- maybe she's moving to Tallinn?",
         "- https://example.org/blog", "- check if they're hiring", "- not sure she remembers me"]
DOUBT = ["hiring SREs?? not sure", "maybe moving to Reykjavik", "I think she runs the Porto office",
         "might be leaving Acme", "probably at GopherCon Oslo"]


@st.composite
def filed_notes(draw) -> Contact:
    first = draw(st.sampled_from(FIRST))
    _style, real = draw(note_text(first))
    heading = draw(st.sampled_from(FILING))
    lines = draw(st.lists(st.sampled_from(ASIDE), min_size=1, max_size=3))
    doubt = draw(st.sampled_from(DOUBT))
    text = f"## 2025-03-04 Coffee in Lyon\n{real}\n{doubt}\n\n## {heading}\n" + "\n".join(lines)
    return Contact(id=1, first_name=first, last_name="Doe", company="Acme", notes=[Note(id=1, text=text)])


@settings(max_examples=100, deadline=None)
@given(contact=filed_notes())
def test_filing_headings_to_dos_and_doubts_are_never_facts(contact: Contact) -> None:
    from coach.core.text import fold
    from coach.crm.facts.rules import extract_rules as extract

    for fact in extract(contact):
        said = fold(fact.phrase)
        assert not any(fold(h) in said for h in FILING if len(h) > 4), fact
        assert not any(w in said for w in ("recording", "tallinn", "reykjavik", "sres", "leaving", "remembers", "blog",
                                           "they're hiring", "gophercon", "opening", "porto")), fact


# ---------------------------------------------------------------- names: titles and any letters (issue 24)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.sampled_from(["Małgorzata", "Zoë", "Nguyễn", "Dr. Chidi", "Prof. Eva", "Søren", "Łukasz", "Ngozi"]),
       goal=st.sampled_from(GOALS), channel=st.sampled_from(["linkedin-note", "linkedin-message", "email"]),
       formal=st.booleans())
def test_any_first_name_and_title_is_greeted_and_passes_the_greeting(first: str, goal: str, channel: str,
                                                                     formal: bool) -> None:
    from coach.core.messages import Style

    contact = Contact(id=1, first_name=first, last_name="Okafor", company="Acme", title="Research Director",
                      notes=[Note(id=1, text="We worked together at Acme on the ranking service.")])
    brief = Brief(contact=contact, profile=Profile(name="Sam Lee", headline="Data engineer"), goal=goal,
                  channel=channel, style=Style(tone=1 if formal else 0))
    made = compose(brief)
    assert made is not None, (first, goal, channel)
    body, report = made[1], made[2]
    greeting = next(c for c in report.checks if c.name == "greeting")
    assert greeting.passed and report.hard_passed, (body, greeting)
    expected = f"{contact.honorific} Okafor" if contact.honorific else contact.given_name
    assert body.split(",", 1)[0].endswith(expected), body
