"""Session-18 chat classes, in our own wordings (none from any eval case): a person named by what they did for the
user, a name pair never read across a line break, a description ending before 'via', both names misspelt."""

from __future__ import annotations

from coach.conversation.reading import unknown_name
from coach.core.domain import Contact
from coach.crm.describe import described

BOOK = [Contact(id=1, first_name="Keiko", last_name="Tanaka", company="Northwind", title="Talent Partner",
                tags=["recruiter"]),
        Contact(id=2, first_name="Rafael", last_name="Mendes", company="Tailspin", title="Director of Ops",
                tags=["former-manager"]),
        Contact(id=3, first_name="Odile", last_name="Marchand", company="Litware", title="Staff Engineer"),
        Contact(id=4, first_name="Bruno", last_name="Castillo", company="Tailspin", title="Engineering Manager")]


def test_a_person_named_by_what_they_did():
    hired = described("a short thanks to the man who hired me, years ago now", BOOK)
    assert hired.contact is not None and hired.contact.id == 2
    interviewed = described("what have I got on the lady who interviewed me at Northwind", BOOK)
    assert interviewed.contact is not None and interviewed.contact.id == 1
    assert described("the guy who ignored me", BOOK).contact is None  # no deed of a role: nobody


def test_a_deed_that_fits_several_is_asked_back():
    two = [*BOOK, Contact(id=5, first_name="Ines", last_name="Ward", company="Fourth Coffee", title="Head of Sales",
                          tags=["former-manager"])]
    found = described("the one who managed me", two)
    assert found.contact is None and {c.id for c in found.choices} == {2, 5}


def test_a_description_ends_before_how_to_reach_them():
    found = described("should I reach the Litware engineer via email?", BOOK)
    assert found.contact is not None and found.contact.id == 3


def test_no_name_across_a_line_break():
    assert unknown_name("Subject: coffee with Odile\n\nOdile said she'd look at my portfolio", BOOK, "Odile") == \
        ("", [])


def test_both_names_misspelt_are_asked_back_with_the_person():
    said, near = unknown_name("pull up Odille Marchant please", BOOK, "")
    assert said == "Odille Marchant" and [c.id for c in near] == [3]


def test_a_channel_turned_down_first_is_not_the_one_asked_for():
    from coach.conversation.cues import channel_of
    assert channel_of("Don't make it an email. A LinkedIn note to Keiko would be better") == "linkedin-note"
    assert channel_of("never send it as a DM, email her") == "email"
