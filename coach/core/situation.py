"""A situation as data: who acts, toward whom, what is at stake, how long ago (read by `coach.advice.reader`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, computed_field

Direction = Literal["asking", "asked", "declining", "repairing", "reconnecting", "following-up", "thanking",
                    "announcing", "starting", "other"]
DIRECTIONS: tuple[str, ...] = Direction.__args__  # type: ignore[attr-defined]
SURE = 0.6  # below this confidence the reading is shown as a question
# Who the counterpart is to the user, and what is at stake, as the reader types them (`coach.advice.cues`); an
# article may declare which of these it serves (`serves:` in its front matter).
ROLES: tuple[str, ...] = ("former manager", "former colleague", "skip-level manager", "manager", "hiring manager",
                          "recruiter", "mentor", "acquaintance", "friend", "classmate", "colleague", "client",
                          "junior", "senior person", "stranger", "relative", "teacher", "former partner")
STAKES: tuple[str, ...] = ("referral", "reference", "introduction", "connection", "mentorship", "partnership", "money",
                           "a layoff", "job offer", "job", "a meeting", "relationship")
# Circumstances a narrow article is written for, as the reader types them (`coach.advice.cues.TRAITS`): the act is
# overdue ('late'), the other side has not answered ('unanswered'), the user means to go back to a former employer
# or is asked back ('returning'), the user tried or
# weighs a channel besides email ('channel'), someone offered the user help ('offered help'), the other side is
# seriously ill ('illness').
TRAITS: tuple[str, ...] = ("late", "unanswered", "returning", "channel", "offered help", "illness")
# What the user asks, as `coach.advice.questions` types it: a question after a no, a decision between courses, a
# judgement of their own stance, what they may say, any other how; '' when they ask nothing.
Question = Literal["", "how-to-decline", "whether", "is-it-fair", "what-to-say", "how-to"]


class Situation(BaseModel):
    """What the user is going through, read from their words only."""

    direction: Direction = Field(description="Who acts: 'asking' the user wants something from someone; 'asked' "
                                             "someone asked the user for something; 'declining' the user wants "
                                             "to say no; 'repairing' mend a relationship; 'reconnecting' "
                                             "get back in touch after a long silence; 'following-up' asked "
                                             "and heard nothing; 'thanking'; 'announcing' news; 'starting' a "
                                             "network from zero; 'other'.")
    counterpart: str = Field(default="", description="Toward whom, as the user said it: a full name, or a role "
                                                     "word ('recruiter', 'former manager'); '' for nobody.")
    counterpart_id: int | None = Field(default=None, description="The contact id when the user named a contact "
                                                                 "exactly; never a guess.")
    role: str = Field(default="", description="Who the counterpart is to the user, as one of the role words "
                                              f"({', '.join(ROLES)}), or '' when the user did not say.")
    stake: str = Field(default="", description="What is at stake, the thing asked for where a request is told: "
                                               "referral, reference, introduction, connection, job offer, job, "
                                               "mentorship, partnership, money, relationship, or ''.")
    asked_for: bool = Field(default=True, description="Whether the stake is the thing asked for, told where the "
                                                      "request is; false when it is only mentioned around it.")
    stakes: list[str] = Field(default_factory=list, description="Every stake the user mentioned, the main one "
                                                                "first (an article's `serves` is matched on all).")
    traits: list[str] = Field(default_factory=list, description="The circumstances the words tell, as the reader "
                                                                f"types them ({', '.join(TRAITS)}).")
    ago_number: float | None = Field(default=None, description="How long ago, only when the user said it: 2.")
    ago_unit: Literal["day", "week", "month", "year"] | None = Field(default=None, description="Its unit.")
    done: str = Field(default="", description="What the user already did, in their words, or ''.")
    asked_first: bool = Field(default=False, description="The counterpart asked the user first (in a decline).")
    reference_of_user: bool = Field(default=False, description="The reference at stake is about the user: they "
                                                               "need one, or someone gives one about them.")
    question: Question = Field(default="", description="What the user asks: 'how-to-decline' how to say no; "
                                                       "'whether' which course to take; 'is-it-fair' whether their "
                                                       "stance is fair; 'what-to-say' what they may say or answer; "
                                                       "'how-to' another how; '' no question.")
    confidence: float = Field(default=1.0, ge=0, le=1)
    alternatives: list[Direction] = Field(default_factory=list, description="Other readings when unsure.")
    source: Literal["rules", "classifier", "model"] = "rules"

    @property
    def unsure(self) -> bool:
        return self.confidence < SURE

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reading(self) -> str:
        """The line shown at the top of the answer."""
        return self.line()

    def line(self) -> str:
        """The reading in one line: 'I read this as: …'; marked '(unsure)' and a question when unsure."""
        if not self.unsure and (self.direction != "other" or self.reference_of_user):
            return f"I read this as: {self._phrase()}."
        reading = f"I read this as (unsure): {self._phrase()}."
        if self.alternatives and self.alternatives[0] not in (self.direction, "other"):
            other = Situation(direction=self.alternatives[0], counterpart=self.counterpart, stake=self.stake,
                              counterpart_id=self.counterpart_id, asked_first=self.asked_first, traits=self.traits,
                              asked_for=self.asked_for)._phrase()
            return f"{reading[:-1]}? I am not sure: or do you mean {other}? Say which and I will adjust."
        if self.direction == "other":  # no reading of who acts: asked back, never stated
            return (f"{reading[:-1]}? Tell me what you want to do (ask someone for something, answer someone, put "
                    f"something right) and I will adjust.")
        return f"{reading[:-1]}? Say so if I have it wrong and I will adjust."

    def phrase(self) -> str:
        """The reading itself, without 'I read this as' or a question: 'you want to ask a recruiter for a job'."""
        return self._phrase()

    def _who(self, default: str) -> str:
        word = self.counterpart
        if not word:
            return default
        if self.counterpart_id is not None or word[:1].isupper() or word.startswith(("your ", "the ")):
            return word
        return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"

    def _phrase(self) -> str:
        stake = self.stake
        noun = {"referral": "a referral", "reference": "a reference", "introduction": "an introduction",
                "job": "a job", "mentorship": "mentoring", "partnership": "a partnership",
                "connection": "a connection", "job offer": "a job offer"}.get(stake, stake)
        what = f" for {noun}" if stake and stake not in ("relationship", "a layoff") else ""
        asked = what if self.asked_for else ""  # a request for a thing only where the words tell it was asked for
        when = f" {self.ago()} ago" if self.ago() else ""
        who = self._who("someone")
        phrases = {
            "asking": f"you want to ask {self._who('someone')}{asked}",
            "asked": f"{who[:1].upper() + who[1:]} asked you{asked} and " + {
                "what-to-say": "you ask what you can say", "is-it-fair": "you ask whether your view of it is fair",
                "whether": "you are deciding what to do"}.get(self.question, "you are deciding how to answer"),
            "declining": (f"{who[:1].upper() + who[1:]} asked you{asked} and you want to say no" if self.asked_first
                          else f"you want to say no to {who}{(' about ' + noun) if asked else ''}"),
            "repairing": f"you want to put things right with {self._who('someone')}",
            "reconnecting": f"you want to get back in touch with {self._who('someone you have lost touch with')}"
                            + (f" and ask{asked}" if asked else ""),
            # that no answer came is said only where the user said it
            "following-up": (f"you asked {who}{asked}{when} and have not heard back" if "unanswered" in self.traits
                             else f"you want to follow up with {who}" + (f" about {noun}" if asked else "") +
                             (f" ({self.ago()} on)" if self.ago() else "")),
            "thanking": f"you want to thank {who}{what}",
            # news for one person (a manager, a parent) is told to them; news for everyone to the network
            "announcing": f"you want to tell {self._who('your network')} your news" + (" about " + noun if stake else ""),
            "starting": "you are building a network from zero",
            "other": ("a reference about you is the problem (one that may be poor, or refused), and you want to "
                      "protect your chances" if self.reference_of_user else
                      "a networking situation" + (f" about {noun}" if stake else "")),
        }
        return phrases[self.direction]

    def ago(self) -> str:
        if self.ago_number is None or self.ago_unit is None:
            return ""
        n = int(self.ago_number) if float(self.ago_number).is_integer() else self.ago_number
        return f"{n} {self.ago_unit}{'' if n == 1 else 's'}"
