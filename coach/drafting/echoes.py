"""Words that only restate what kind of message it is ("just want to reconnect", "thank her", "congrats msg",
"referral msg to Bettina"): read as the goal restated, so they are neither said nor shown as not used.

A part is an echo only when every word in it is a goal's word or a word about the message itself (a filler, the
recipient's name or pronoun); one word more ("want to ask for mentorship toward district manager") and it is not.
"""

from __future__ import annotations

import re

from coach.core.text import fold

# A goal in the words users restate it in.
GOAL_WORDS = re.compile(r"\b(?:thank-you|thank you|re-?connect(?:ing)?|connect(?:ing)?|catch(?:ing)?[ -]up|say hi|hi|hello|thank(?:s|ing)?|"
                        r"thank-you|thankyou|congrat\w*|referral|refer|mentor(?:ship|ing)?|intro(?:duce|duction)?|"
                        r"informational|info|interview|follow(?:ing)?[ -]up|nudge|partnership|check(?:ing)?[ -]in)\b")
# Words about the message itself, not about anything in it.
_FILLER = set("just want wanna to a an the msg message email mail note dm inmail warm proper quick simple "
              "simply basically i i'd id like would as my be ask for write send draft please pls and + & first again "
              "lightly gently you myself me want to her him them their his a-quick one say w with about cold proper li linkedin "
              "connection request req note only love need needed wanted going gonna shoot drop off short little nice "
              "small big really honestly some kind of sort".split())
# Words naming the message's channel: a part of them and fillers only names the message ("linkedin msg to Yewande").
CHANNEL_WORDS = re.compile(r"\b(?:e-?mail|msg|message|note|dm|inmail|connection|request|req)\b")


def restates_goal(part: str, names: tuple[str, ...]) -> bool:
    """Whether a part of the request only says what kind of message this is."""
    low = fold(part)
    if not GOAL_WORDS.search(low) and not CHANNEL_WORDS.search(low):
        return False
    rest = GOAL_WORDS.sub(" ", low)
    for name in names:
        rest = re.sub(rf"\b{re.escape(fold(name))}\b", " ", rest)
    left = [w for w in re.findall(r"[\w'’+&-]+", rest) if w not in _FILLER]
    return not left
