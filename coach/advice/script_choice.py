"""The advice's script: a checked draft to the one person the user names (or picks), written by the drafting
machinery with the article's `script_goal`; else the article's example made neutral, with slots the user fills.
No script when the article's message speaks for another side, is about another thing, or is written to someone
the user never mentions; the notes say why, and ask about a name that may mean several contacts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from coach.advice.fitting import fitted_script
from coach.advice.people import Mentions, needs, private
from coach.advice.ranking import about_another_thing, another_side
from coach.advice.scripts import addressed, channel_of, neutral_script, unnamed_addressee
from coach.advice.situations import SITUATION, Recogniser
from coach.core.domain import GOALS, Profile
from coach.core.errors import MODEL_SERVER_ERRORS, CoachError
from coach.core.messages import Advice, Draft
from coach.core.situation import SURE
from coach.core.text import sentences
from coach.crm.relations import Person
from coach.drafting.phrasing import situation_reason
from coach.retrieval.knowledge import NO_SCRIPT_GOAL, Article


def write_script(advice: Advice, text: str, article: Article, mentions: Mentions, recogniser: Recogniser,
                 notes: list[str], profile: Profile, make_draft: Callable[..., Draft] | None,
                 picked: bool = False) -> None:
    """Set the advice's script (and say in `notes` why there is none, or whom it leaves for the user to name)."""
    spoken_for = article.script_directions or article.directions
    if advice.situation is not None and not picked and another_side(advice.situation, spoken_for):
        advice.script = advice.example = ""  # a message for another side of the situation helps nobody
        notes.append(f"No message to adapt: the one in “{article.title}” may speak for another side of this "
                     f"than yours. Say which it is and I will give you words for it.")
        return
    if advice.situation is not None and not picked and about_another_thing(article, advice.situation):
        advice.script = advice.example = ""  # its message is about another thing: the steps still help
        notes.append(f"No message to adapt: the one in “{article.title}” is about "
                     f"{' or '.join(article.about)}, and yours is about {advice.situation.stake}.")
        return
    if advice.situation is not None and not picked and not (mentions.named or mentions.ambiguous or mentions.pointed
                                                            or mentions.maybe) and advice.situation.confidence < SURE:
        advice.script = advice.example = ""  # words for a reading it is unsure of may speak for the wrong side
        notes.append("No message to adapt yet: I am not sure I read what you want to do. Tell me in a line (for "
                     "example “I want to say no to her”) and I will give you words for it.")
        return
    nobody = "" if picked or mentions.named or mentions.pointed else unnamed_addressee(article, text)
    if nobody:  # a message to someone the user never mentions: the steps still help, the message would not
        advice.script = advice.example = ""
        notes.append(f"No message to adapt: the one in “{article.title}” is written to "
                     f"{'an' if nobody[0] in 'aeiou' else 'a'} {nobody}, and you do not mention one. Tell me "
                     f"who you will write to and I will give you words for them.")
        return
    neutral = neutral_script(advice.example, keep=f"{text}\n{profile.name}", slots=article.script_slots)
    advice.script, why = fitted_script(neutral, advice.example, advice.situation, f"{text}\n{profile.name}",
                                       article.title)
    if why:
        notes.append(why)
    for first, group in mentions.ambiguous.items():
        if not mentions.named:
            names = "; ".join(f"{p.contact.name}" + (f" ({p.contact.company})" if p.contact.company else "")
                              for p in group)
            notes.append(f"Several of your contacts are called {first}: {names}. Name one in full for a "
                         f"message to them; until then the script leaves the name for you to fill.")
    offered = mentions.maybe[:1] or ([mentions.pointed] if mentions.pointed is not None else [])
    if offered and not mentions.named:  # a role word, or a name that may be a plain word: offered, never assumed
        p = offered[0].contact
        notes.append(f"Do you mean {p.name}" + (f" ({p.company})" if p.company else "") + "? Name them (or pick "
                     "them) for a message to them; until then the script leaves the name for you to fill.")
    person = _recipient(text, mentions, article, recogniser)
    about = article_about(article)
    if person is not None and all(person is not p for p in mentions.named) and private(article.theme, about) \
            and any(k in needs(article.theme, about)[1] for k in person.kinds()):
        person = None  # "my manager knows everyone": a discreet search writes to nobody it must avoid
    goal = article.script_goal
    if person is None:
        return
    contact = person.contact
    if goal == NO_SCRIPT_GOAL or make_draft is None or goal not in GOALS:  # no drafting goal (a decline):
        answered = advice.situation is not None and advice.situation.counterpart_id == contact.id
        if answered or picked:  # greet the one the user answers, never whom a request wants to reach
            advice.script = addressed(advice.script, contact.first_name or contact.name.split()[0])
            advice.script_contact_id, advice.script_contact = contact.id, contact.name
        return
    try:
        draft = make_draft(to=str(contact.id), goal=goal, channel=channel_of(article),
                           context=situation_reason(text))
    except MODEL_SERVER_ERRORS:
        raise  # the model server is down or broken: one sentence for the whole command, not a note
    except CoachError as exc:
        notes.append(f"No message to {contact.name}: {exc}")
        return
    failed = [c.name for c in draft.checks if c.hard and not c.passed]
    if failed:
        notes.append(f"The message to {contact.name} did not pass its checks ({', '.join(failed)}), so the "
                     f"script leaves the name for you to fill.")
        return
    advice.script, advice.script_kind, advice.script_draft = draft.text(), "draft", draft
    advice.script_contact_id, advice.script_contact = contact.id, contact.name
    advice.script_goal, advice.script_channel = draft.goal, draft.channel


def _recipient(text: str, mentions: Mentions, article: Article, recogniser: Recogniser) -> Person | None:
    """Who the script is to: the one person named (or picked), else nobody. Of several named,
    the one in the sentences that read most like the article's situation ("…and Kwame just went quiet")."""
    if len(mentions.named) == 1:
        return mentions.named[0]
    if not mentions.named:
        return None  # nobody named: a role word ("the recruiter") is asked about in the note, never assumed
    parts = sentences(text)
    best: tuple[float, Person] | None = None
    for person in mentions.named:
        names = {person.contact.name, person.contact.first_name, person.contact.last_name} - {""}
        own = [s for s in parts if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", s) for n in names)]
        if not own:
            continue
        score = float(np.mean([recogniser.vectors.similarities(recogniser.embed(s), article.path,
                                                               SITUATION).max(initial=0.0) for s in own]))
        if best is None or score > best[0]:
            best = (score, person)
    return best[1] if best else mentions.named[0]



def article_about(article: Article) -> str:
    """What the article is about, for matching what the situation needs: title, tags and file name."""
    return " ".join([article.title, *article.tags, article.slug]).replace("-", " ")
