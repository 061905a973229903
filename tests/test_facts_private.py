"""A private remark in the notes gives no fact a draft could say (issue 24): marked private ('NOT for her ears',
'team only'), an instruction to oneself ('do not push her on price'), or a feeling about the person ('still sore
about it'); the sentences beside it still give theirs. Our own notes, none from the held-out sets."""

from __future__ import annotations

from coach.core.domain import Contact, Note
from coach.crm.facts.rules import extract_rules, said_aloud


def phrases(text: str) -> list[str]:
    contact = Contact(id=3, first_name="Odile", last_name="Renner", company="Marlow Foods", title="Buyer",
                      notes=[Note(text=text)])
    return [f.phrase for f in extract_rules(contact) if f.kind != "role"]


def test_a_sentence_marked_private_gives_no_fact():
    said = phrases("Met Odile at the Harrogate food fair in May 2024. Her firm lost the Tesco contract, "
                   "NOT for her ears. She just ran the Leeds half marathon.")
    assert not any("Tesco" in p for p in said)
    assert any("Harrogate" in p for p in said)


def test_a_feeling_about_them_or_a_note_to_self_gives_no_fact():
    assert not any("prices" in p for p in phrases("Odile raised prices 9% in spring, still sore about it"))
    assert "push" not in said_aloud("do NOT push her on price - she digs in")


def test_a_line_without_a_remark_is_kept_whole():
    line = "Met at the Harrogate food fair - she liked the oat range; asked for samples"
    assert said_aloud(line) == line
