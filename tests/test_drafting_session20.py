"""Session-20 drafting classes, in our own wordings: a sentence ended by '!' or '?' before the next one is not two
sentences glued together (the user's reason "Congratulations on …! We …" was dropped for it, leaving a slot draft);
something done side by side and said with "together" is a shared history."""

from __future__ import annotations

import datetime as dt

from coach.checks import grammar
from coach.crm.facts.clause_reader import read_clause


def test_an_exclamation_or_question_mark_ends_a_sentence():
    assert grammar.ok("Congratulations on the Harbour Prize! We go back a long way.", {"harbour", "prize"})
    assert grammar.ok("Did the launch go well? We should compare notes.", set())
    assert not grammar.ok("I loved the launch We should compare notes.", set())  # still glued without one


def test_something_done_together_is_a_shared_history():
    facts = read_clause("we did the winter stock-take together", ("Ines",), dt.date(2026, 1, 1))
    assert [(f.kind, f.phrase) for f in facts] == [("worked-together", "we did the winter stock-take together")]
    assert read_clause("we did a call", ("Ines",), dt.date(2026, 1, 1)) == []
