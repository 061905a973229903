"""The Streamlit app, headless (AppTest): every page over a scripted model and fake embeddings."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from coach.core.domain import Contact
from coach.retrieval.search import Retriever
from coach.service import Coach
from coach.ui import state
from tests.conftest import REPO
from tests.doubles import HashingEmbeddings, ScriptedChatModel
from tests.fixtures_contacts import linkedin_text

APP = str(REPO / "coach" / "ui" / "app.py")
TIMEOUT = 120
HOOK = "I still remember our chat about streaming pipelines."


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> ScriptedChatModel:
    """The app's Coach, built over this scripted model and hashing embeddings (the cached factory replaced)."""
    fake = ScriptedChatModel(responder=lambda messages: HOOK)

    def build(settings, store=None):
        return Coach(settings, store=store, retriever=Retriever(settings, embeddings=HashingEmbeddings()), model=fake)

    monkeypatch.setattr(state, "build_coach", build)
    monkeypatch.delenv("COACH_APP_PASSWORD", raising=False)
    state._OVERRIDES.clear()
    st.cache_resource.clear()
    yield fake
    state._OVERRIDES.clear()
    st.cache_resource.clear()


@pytest.fixture
def sample(model: ScriptedChatModel) -> Coach:
    """The sample network loaded (its own workspace, which the app shows while the user's store is empty)."""
    from coach.crm import sample as demo

    ws, _, _ = demo.create(state.settings(), state.own_coach().store)
    return state._coach(state._key(), str(ws.home))


def app_on(page: str = "chat") -> AppTest:
    """The app with its navigation, opened on `page`."""
    script = ("import streamlit as st\nfrom coach.ui import first_run, nav\n"
              f"page = st.navigation(nav.pages(default={page!r}))\nfirst_run.flash()\nfirst_run.banner()\n"
              "page.run()\n")
    return AppTest.from_string(script, default_timeout=TIMEOUT)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [c.value for c in at.code]
    parts += [e.value for e in at.error] + [e.value for e in at.info] + [e.value for e in at.success]
    return "\n".join(str(p) for p in parts)


def ask(at: AppTest, text: str) -> AppTest:
    at.chat_input[0].set_value(text).run()
    assert not at.exception, at.exception
    return at


def no_raw_html(at: AppTest) -> None:
    assert all(not m.proto.allow_html for m in at.markdown), "user content must never be rendered as HTML"
    assert not at.get("html")


# ------------------------------------------------------------------ first run
def test_empty_store_offers_the_sample_network_and_loads_it(model: ScriptedChatModel) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "Your network is empty" in texts(at)
    at.button(key="load-sample").click().run()
    assert not at.exception
    assert "Loaded 20 sample contacts" in texts(at)
    assert "Sample network" in texts(at)  # labelled on the page
    from coach.crm import sample as demo

    ws = demo.workspace(state.settings())
    assert len(demo.open_store(ws).list_contacts()) == 20
    own = state.own_coach().store
    assert own.list_contacts() == [] and own.get_profile().name == ""  # the user's store is not touched
    assert "Your network is empty" not in texts(at)


# ------------------------------------------------------------------ chat
def test_chat_draft_card_shows_text_limit_checks_facts_and_revises(sample: Coach, model: ScriptedChatModel) -> None:
    at = app_on("chat").run()
    ask(at, "Write a LinkedIn connection note to Priya Raman to reconnect")
    body = at.code[0].value
    assert body.startswith("Hi Priya,") and "streaming" in body  # her note, in words to her
    shown = texts(at)
    assert "LinkedIn connection note** to **Priya Raman**" in shown
    assert f"{len(body)} / 200 characters" in shown
    assert "All 9 checks pass" in shown or "checks pass" in shown
    assert "streaming" in shown and "from note" in shown  # the fact it used, and which note
    assert "linkedin-connection-note.md" in shown  # the cited guidance
    assert "Priya" in model.prompt_text(0) and "streaming" in model.prompt_text(0)  # grounded in her note
    no_raw_html(at)

    too_long = body + " " + "I would love to hear everything about the new platform work. " * 3
    at.text_area(key="turn1-edit").set_value(too_long).run()
    assert f"{len(too_long)} / 200 characters" in texts(at)  # the count follows the edit
    verdict = texts(at).split("Your version scores")[1].split("\n")[1]
    assert "checks fail:" in verdict and "length" in verdict  # and the checker saw it

    at.button(key="turn1-formal").click().run()
    assert not at.exception
    assert at.code[-1].value.startswith("Dear Priya,")
    at.selectbox(key="turn3-channel").select("email").run()
    at.button(key="turn3-switch").click().run()
    assert not at.exception
    assert "**Email** to **Priya Raman**" in texts(at)
    assert at.code[-1].value.startswith("Subject: ")  # the copy button copies the subject with the body
    assert "\n\nHi Priya," in at.code[-1].value or "\n\nDear Priya," in at.code[-1].value
    assert [b.key for b in at.button if b.key and b.key.endswith("-regen")] == ["turn5-regen"]  # latest card only


def test_chat_advice_shows_steps_script_and_people_linking_to_contacts(sample: Coach) -> None:
    at = app_on("chat").run()
    ask(at, "I was laid off last week and feel stuck; I'd love to land at Contoso. What should I do?")
    shown = texts(at)
    assert "People who could help" in shown
    assert any("works at Contoso, which you mentioned" in str(link.proto) for link in at.get("page_link"))
    assert "1. " in shown
    assert "**What you could say**" in shown and at.code[0].value.startswith("Hi [name],")  # nobody named: slots
    assert "Example from the guide (its people are invented)" in [e.label for e in at.expander]
    links = at.get("page_link")
    assert links, "each person links to their contact"
    assert any("contact=" in str(link.proto) or "contacts" in str(link.proto) for link in links)


def test_chat_escapes_what_the_user_typed(sample: Coach) -> None:
    at = app_on("chat").run()
    ask(at, "Who do I know at <img src=x onerror=alert(1)> [click](http://evil.example) $x$?")
    first = at.chat_message[0].markdown[0].value
    assert "\\<img" in first and "\\[click\\]" in first and "\\$x\\$" in first
    no_raw_html(at)


def test_unreachable_model_shows_a_message_and_a_retry_not_a_traceback(sample: Coach,
                                                                     model: ScriptedChatModel) -> None:
    def down(messages):
        raise ConnectionError("Connection refused")

    model.responder = down
    at = app_on("chat").run()
    ask(at, "Write a LinkedIn connection note to Priya Raman to reconnect")
    assert not at.exception
    assert any("did not answer" in e.value for e in at.error)
    model.responder = lambda messages: HOOK
    retry = [b for b in at.button if b.label == "Retry"]
    assert retry
    retry[0].click().run()
    assert not at.exception
    assert at.code and at.code[-1].value.startswith("Hi Priya,")


def test_a_coach_error_shows_as_an_error_saying_what_to_do(sample: Coach, model: ScriptedChatModel) -> None:
    from coach.core.errors import ProviderError

    def refuses(messages):
        raise ProviderError("The model server refused the request; check COACH_LLM_BASE_URL on the Settings page.")

    model.responder = refuses
    at = app_on("chat").run()
    ask(at, "Write a LinkedIn connection note to Priya Raman to reconnect")
    assert not at.exception
    assert [e.value.replace("\\", "") for e in at.error] == [
        "The model server refused the request; check COACH_LLM_BASE_URL on the Settings page."]
    ask(at, "Check this message: \"Hi Priya, could you refer me to the data platform role at Contoso?\"")
    assert "Score" in texts(at)


# ------------------------------------------------------------------ contacts
def test_import_through_the_uploader_shows_the_report(model: ScriptedChatModel) -> None:
    at = app_on("contacts").run()
    rows = [["Ingrid", "Solberg", "https://www.linkedin.com/in/ingrid-fict", "", "Globex", "Director", "03 Apr 2024"],
            ["", "", "", "", "Hooli", "Nobody", "01 Jan 2020"]]
    data = ("\ufeff" + linkedin_text(rows)).encode()
    at.file_uploader[0].set_value(("Connections.csv", data, "text/csv")).run()
    [b for b in at.button if b.label == "Import"][0].click().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Created": "1", "Updated": "0", "Unchanged": "0", "Skipped rows": "1"}
    skipped = [d.value for d in at.dataframe if "reason" in d.value.columns][0]
    assert "no First Name or Last Name" in skipped["reason"][0]
    assert [c.name for c in state.coach().store.list_contacts()] == ["Ingrid Solberg"]
    assert at.file_uploader[0].proto.type == []  # any file: a wrong one is refused in words by the importer


def test_import_shows_possible_duplicates_to_review(model: ScriptedChatModel) -> None:
    from pathlib import Path

    at = app_on("contacts").run()
    data = (Path(__file__).parent / "fixtures" / "imports" / "two_john_smiths.csv").read_bytes()
    at.file_uploader[0].set_value(("contacts.csv", data, "text/csv")).run()
    [b for b in at.button if b.label == "Import"][0].click().run()
    assert not at.exception
    assert [w.value for w in at.warning] == ["2 possible duplicates: review"]
    table = [d.value for d in at.dataframe if "matches" in d.value.columns][0]
    assert list(table["name"]) == ["John Henry Smith", "Maria Garcia"]
    assert "middle name" in table["reason"][0]


def test_an_unreadable_upload_is_an_error_naming_the_file(model: ScriptedChatModel) -> None:
    at = app_on("contacts").run()
    at.file_uploader[0].set_value(("mystery.csv", b"a,b,c\n1,2,3\n", "text/csv")).run()
    [b for b in at.button if b.label == "Import"][0].click().run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert errors and "mystery.csv" in errors[0] and "coach-upload" not in errors[0]


def test_an_upload_over_the_size_limit_is_refused_before_reading(model: ScriptedChatModel, monkeypatch) -> None:
    from coach.ui import contacts_page

    monkeypatch.setattr(contacts_page, "MAX_UPLOAD_MB", 1)
    at = app_on("contacts").run()
    assert at.file_uploader[0].proto.max_upload_size_mb == 1
    big = ("\ufeff" + linkedin_text()).encode() + b"x" * (1024 * 1024)
    at.file_uploader[0].set_value(("Connections.csv", big, "text/csv")).run()
    [b for b in at.button if b.label == "Import"][0].click().run()
    assert any("larger than 1 MB" in e.value for e in at.error)
    assert state.coach().store.list_contacts() == []


def test_search_table_detail_note_interaction_and_edit(sample: Coach) -> None:
    at = app_on("contacts").run()
    assert "20 of 20 people" in texts(at)
    at.text_input(key="contact-search").set_value("payments pipeline").run()
    assert at.dataframe[0].value["name"].iloc[0] == "Priya Raman"
    priya = sample.store.resolve_contact("Priya Raman")
    at.selectbox(key="contact-pick").set_value(priya.id).run()
    shown = texts(at)
    assert "How you met:** at PyData Berlin 2023" in shown.replace("\\", "")
    assert "Recommended the book" in shown.replace("\\", "")  # the timeline
    at.text_area[0].set_value("   ")
    [b for b in at.button if b.label == "Add note"][0].click().run()
    assert any("The note is empty" in e.value for e in at.error)  # said where the form is
    at.text_area[0].set_value("Talked about her new team in Dublin.")
    [b for b in at.button if b.label == "Add note"][0].click().run()
    assert not at.exception
    assert any("Dublin" in n.text for n in sample.store.get_contact(priya.id).notes)
    assert any("Added a note to Priya Raman" in m.value for m in at.success)  # confirmed in place, not on top
    assert at.text_area[0].value == ""  # the box is cleared once it is saved
    assert "Dublin" in texts(at).split("Timeline")[1]
    [s for s in at.selectbox if s.label == "Channel" and "meeting" in s.options][0].set_value("call")
    [t for t in at.text_input if t.label == "What happened"][0].set_value("Call about the Dublin move")
    [b for b in at.button if b.label == "Log interaction"][0].click().run()
    assert not at.exception
    after = sample.store.get_contact(priya.id)
    assert after.interactions[-1].summary == "Call about the Dublin move" and after.last_contacted == dt.date.today()
    [t for t in at.text_input if t.label == "Company"][0].set_value("Contoso Payments")
    [b for b in at.button if b.label == "Save changes"][0].click().run()
    assert not at.exception
    assert sample.store.get_contact(priya.id).company == "Contoso Payments"
    hits = sample.synced_retriever().search("Dublin", kind="contacts", k=1)
    assert hits[0].title == "Priya Raman"  # the index followed the new note


def test_due_list_drafts_a_check_in_in_one_click(sample: Coach) -> None:
    at = app_on("contacts").run()
    due = sample.store.due_contacts()
    assert due
    first = due[0]
    at.button(key=f"due-{first['id']}").click().run()
    assert not at.exception
    assert at.code, "the chat page drafted the check-in"
    assert f"to **{first['name']}**" in texts(at)


# ------------------------------------------------------------------ network, guidance, settings
def test_network_page_draws_the_charts(sample: Coach) -> None:
    state.own_coach().store.set_profile(target_companies=["Contoso", "Globex"])  # the user's own targets
    at = app_on("network").run()
    assert not at.exception
    charts = at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    assert len(charts) == 5
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["People"] == "20"
    assert any("Globex" in i.value for i in at.info)  # a target company with nobody


def test_guidance_page_browses_searches_and_reads(model: ScriptedChatModel) -> None:
    at = app_on("guidance").run()
    assert not at.exception
    total = int(at.caption[0].value.split()[0])
    at.selectbox(key="guidance-theme").select("support").run()
    support = int(at.caption[0].value.split()[0])
    assert 0 < support < total
    at.text_input(key="guidance-query").set_value("no reply after asking for a referral").run()
    assert not at.exception
    assert at.radio(key="guidance-article").options
    assert at.subheader[0].value  # an article is open


def test_settings_page_masks_the_key_and_shows_health(model: ScriptedChatModel, monkeypatch) -> None:
    from coach import doctor

    monkeypatch.setattr(doctor, "CHECKS", {"llm": lambda s: "fake answered", "database": lambda s: "reachable"})
    at = app_on("settings").run()
    assert not at.exception
    secret = "sk-test-abcdefghijklmnop"
    [s for s in at.selectbox if s.label == "Provider"][0].set_value("openai")
    [t for t in at.text_input if t.label == "Model name"][0].set_value("gpt-4o-mini")
    [t for t in at.text_input if t.label == "API key"][0].set_value(secret)
    at.toggle[0].set_value(True)
    [b for b in at.button if b.label == "Apply"][0].click().run()
    assert not at.exception
    assert state.settings().llm == "openai/gpt-4o-mini" and state.settings().linkedin_premium
    [b for b in at.button if b.label == "Check components"][0].click().run()
    assert not at.exception
    page = texts(at) + str(at.json[0].value) + "".join(t.placeholder for t in at.text_input)
    assert secret not in page, page[max(0, page.find(secret) - 300):page.find(secret) + 50]
    assert json.loads(at.json[0].value)["OPENAI_API_KEY"] == "sk-…op"
    assert [t.placeholder for t in at.text_input if t.label == "API key"] == ["current: sk-…op"]
    assert "fake answered" in page


# ------------------------------------------------------------------ safety
def test_password_gate_shows_nothing_until_the_right_password(sample: Coach, monkeypatch) -> None:
    monkeypatch.setenv("COACH_APP_PASSWORD", "open sesame")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert "Enter the password" in texts(at)
    assert "Priya" not in texts(at) and not at.chat_input and not at.dataframe
    at.text_input[0].set_value("wrong")
    at.button[0].click().run()
    assert any("not right" in e.value for e in at.error)
    assert not at.chat_input
    at.text_input[0].set_value("open sesame")
    at.button[0].click().run()
    assert not at.exception
    assert at.chat_input and "Chat with your coach" in at.title[0].value


def test_coach_app_listens_on_loopback_and_needs_a_password_elsewhere(monkeypatch) -> None:
    from coach.cli import serve
    from tests.conftest import run_cli

    command = serve.streamlit_command("127.0.0.1", 8501)
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert serve.is_loopback("localhost") and serve.is_loopback("::1") and not serve.is_loopback("0.0.0.0")
    monkeypatch.delenv("COACH_APP_PASSWORD", raising=False)
    result = run_cli("app", "--host", "0.0.0.0")
    assert result.returncode == 2
    assert "COACH_APP_PASSWORD" in result.stderr and result.stderr.count("\n") == 1


# ------------------------------------------------------------------ issue 14: the sample, lists, errors, removal
def test_the_sample_is_labelled_kept_apart_and_removed_in_one_click(model: ScriptedChatModel) -> None:
    from coach.crm import sample as demo

    own = state.own_coach().store
    own.set_profile(name="Jordan Blake", goals="A data role", target_companies=["Globex"])
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key="load-sample").click().run()
    assert not at.exception
    assert any("Sample network" in i.value for i in at.info)  # labelled on the page itself
    ask(at, "Write an email to Marcus Lee to reconnect")
    draft = at.code[-1].value
    assert "Hi Marcus," in draft and draft.rstrip().endswith("Jordan") and "Alex" not in draft
    rows = [["Marcus", "Lee", "https://www.linkedin.com/in/marcus-lee-initech-fict", "", "Initech", "Data Engineer",
             "19 Sep 2023"]]
    people = app_on("contacts")
    people.session_state["workspace"] = "sample"
    people.run()
    assert "20 of 20 people" in texts(people)
    people.file_uploader[0].set_value(("Connections.csv", ("\ufeff" + linkedin_text(rows)).encode(), "text/csv")).run()
    [b for b in people.button if b.label == "Import"][0].click().run()
    assert not people.exception
    assert "1 of 1 people" in texts(people)  # the import went to the user's own network, shown now
    assert [(c.name, c.company) for c in own.list_contacts()] == [("Marcus Lee", "Initech")]
    ws = demo.workspace(state.settings())
    assert demo.open_store(ws).resolve_contact("Marcus Lee").company == "Fabrikam"  # the sample's, apart
    assert own.get_profile().name == "Jordan Blake" and own.get_profile().target_companies == ["Globex"]
    people.button(key="remove-sample").click().run()
    assert not people.exception
    assert demo.workspace(state.settings()) is None
    assert any("Removed the sample network" in m.value for m in people.success)
    assert [(c.name, c.company) for c in own.list_contacts()] == [("Marcus Lee", "Initech")]
    assert "Sample network" not in texts(people)


def test_contact_search_filters_and_says_no_match(sample: Coach) -> None:
    at = app_on("contacts").run()
    table = at.dataframe[0].value
    assert "never" in set(table["last contacted"])  # not "None"
    at.text_input(key="contact-search").set_value("payments").run()
    names = list(at.dataframe[0].value["name"])
    assert names == ["Priya Raman"]  # only whose record mentions payments
    assert "1 of 20 people match" in texts(at)
    at.text_input(key="contact-search").set_value("Contoso").run()
    shown = list(at.dataframe[0].value["company"])
    assert shown[:3] == ["Contoso"] * 3 and len(shown) < 20  # exact company matches first, then nothing unrelated
    at.text_input(key="contact-search").set_value("xyzzy quantum banana").run()
    assert not at.dataframe
    assert any("No match for" in i.value for i in at.info)


def test_guidance_search_for_nonsense_says_no_match(model: ScriptedChatModel) -> None:
    at = app_on("guidance").run()
    at.text_input(key="guidance-query").set_value("xyzzy quantum banana").run()
    assert not at.exception
    assert any("No match for" in i.value for i in at.info) and not at.radio
    at.text_input(key="guidance-query").set_value("informational interview questions").run()
    assert at.radio(key="guidance-article").options
    at.text_input(key="guidance-query").set_value("").run()
    at.radio(key="guidance-article").set_value("knowledge/opportunities/informational-interviews.md").run()
    assert at.code and all(c.proto.wrap_lines for c in at.code)  # the example messages wrap


def test_a_binary_upload_is_refused_in_words_and_the_old_result_goes(model: ScriptedChatModel) -> None:
    at = app_on("contacts").run()
    rows = [["Ingrid", "Solberg", "https://www.linkedin.com/in/ingrid-fict", "", "Globex", "Director", "03 Apr 2024"]]
    at.file_uploader[0].set_value(("Connections.csv", ("\ufeff" + linkedin_text(rows)).encode(), "text/csv")).run()
    [b for b in at.button if b.label == "Import"][0].click().run()
    assert {m.label: m.value for m in at.metric}["Created"] == "1"
    at.file_uploader[0].set_value(("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "image/png")).run()
    assert not at.metric  # the previous file's result is not shown under the new one
    [b for b in at.button if b.label == "Import"][0].click().run()
    errors = [e.value.replace("\\", "") for e in at.error]
    assert errors and "photo.png" in errors[0] and "contacts export" in errors[0]
    at.file_uploader[0].set_value(("export.csv", b"\x00\x01\x02" * 500, "text/csv")).run()
    [b for b in at.button if b.label == "Import"][0].click().run()
    errors = [e.value.replace("\\", "") for e in at.error]
    assert errors and "export.csv" in errors[0] and not at.metric
    assert [c.name for c in state.coach().store.list_contacts()] == ["Ingrid Solberg"]


def test_delete_and_merge_in_the_app_ask_first_and_lose_nothing(sample: Coach) -> None:
    store = sample.store
    priya = store.resolve_contact("Priya Raman")
    dup = store.add_contact(Contact(first_name="Priya", last_name="R.", emails=["priya@contoso.example"],
                                    tags=["speaker"]))
    store.add_note(dup.id, "Gave a talk on streaming at DataConf.")
    at = app_on("contacts").run()
    at.selectbox(key="contact-pick").set_value(priya.id).run()
    at.selectbox(key=f"merge-pick-{priya.id}").set_value(dup.id).run()
    at.button(key=f"merge-{priya.id}").click().run()
    assert len(store.list_contacts()) == 21  # asked first, nothing changed yet
    at.button(key=f"merge-yes-{priya.id}").click().run()
    assert not at.exception
    merged = store.get_contact(priya.id)
    assert "priya@contoso.example" in merged.emails and "speaker" in merged.tags
    assert any("DataConf" in n.text for n in merged.notes) and len(store.list_contacts()) == 20
    before = len(merged.notes)
    at.button(key=f"delete-{priya.id}").click().run()
    assert any(f"their {before} notes" in w.value for w in at.warning)
    at.button(key=f"delete-yes-{priya.id}").click().run()
    assert not at.exception
    assert len(store.list_contacts()) == 19 and "Deleted Priya Raman" in texts(at)
    assert [h.title for h in sample.synced_retriever().find("Priya Raman", kind="contacts")] == []  # index forgot


def test_chat_examples_are_buttons_and_a_failed_question_stays(sample: Coach, model: ScriptedChatModel) -> None:
    at = app_on("chat").run()
    at.button(key="try-0").click().run()
    assert not at.exception
    assert "Priya Raman" in at.chat_message[0].markdown[0].value and at.code
    model.responder = lambda messages: (_ for _ in ()).throw(ConnectionError("Connection refused"))
    fresh = app_on("chat").run()
    ask(fresh, "Ask Marcus Lee for a referral by email")
    assert "Ask Marcus Lee for a referral by email" in fresh.chat_message[0].markdown[0].value
    assert any("did not answer" in e.value for e in fresh.error)


def test_check_badges_warn_when_a_check_passes_outside_its_ideal_range() -> None:
    def page():
        from coach.core.messages import CheckResult
        from coach.ui import cards

        cards.checks([CheckResult(name="length", passed=True,
                                  detail="40 words (email bodies: 30-220, ideally 50-125); outside the ideal range"),
                      CheckResult(name="ask", passed=True, detail="one clear ask")])

    at = AppTest.from_function(page).run()
    shown = at.markdown[0].value
    assert ":orange-badge[:material/warning: length]" in shown and ":green-badge[:material/check: ask]" in shown


def test_where_they_work_says_how_many_companies_are_shown(model: ScriptedChatModel) -> None:
    store = state.coach().store
    for n in range(18):
        store.add_contact(Contact(first_name=f"Person{n}", last_name="Test", company=f"Company {n:02d}"))
    at = app_on("network").run()
    assert not at.exception
    assert "15 of 18 companies shown" in texts(at)


# ------------------------------------------------------------------ this week (the plan)
def plain(at: AppTest) -> str:
    """The page's text with Markdown escapes removed (user content is escaped)."""
    return texts(at).replace("\\", "")


def test_plan_page_is_first_lists_plan_drafts_on_demand_and_closes_loops(
        model: ScriptedChatModel, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.plan import weekly as planning
    from coach.ui import nav, week_page
    from tests.test_plan import TODAY, build_network

    assert list(nav.PAGES)[0] == "week"
    store = state.own_coach().store
    ids = build_network(store, tmp_path)
    monkeypatch.setattr(week_page, "today", lambda: TODAY)
    at = app_on("week").run()
    assert not at.exception, at.exception
    shown = plain(at)
    assert "Their news: now Director of Product at Initech" in shown and "2025-04-07" in shown
    assert "Ping me in the fall" in shown and "2025-02-14" in shown
    assert not at.code and not model.calls  # the page opens without drafting
    at.button(key=f"plan-draft-{ids['Tomás']}").click().run()
    assert not at.exception, at.exception
    assert len(at.code) == 1 and at.code[0].value.strip()  # one checked draft, for Tomás
    first = at.code[0].value
    at.button(key=f"plan-again-{ids['Tomás']}").click().run()
    assert not at.exception, at.exception
    assert len(at.code) == 1 and at.code[0].value != first, "another one is another draft"
    assert at.text_area(key=f"plan-text-{ids['Tomás']}").value in at.code[0].value
    at.text_area(key=f"plan-text-{ids['Tomás']}").set_value("Congratulations on Initech, Tomás! Lunch soon?").run()
    at.button(key=f"plan-sent-{ids['Tomás']}").click().run()
    assert not at.exception, at.exception
    assert "Logged: sent to Tomás Ortega." in plain(at)
    assert "Their news" not in plain(at)
    sent = store.get_contact(ids["Tomás"]).interactions
    assert [(i.date, i.channel) for i in sent] == [(TODAY, "linkedin-message")]
    assert "Congratulations on Initech, Tomás! Lunch soon?" in sent[0].summary, "what is logged is what was sent"
    at.button(key=f"plan-snooze-{ids['Priya']}").click().run()
    assert "Snoozed Priya Raman until 2025-04-16." in plain(at) and "Ping me" not in plain(at)
    at.selectbox(key=f"plan-reason-{ids['Ana']}").select("not-this-person").run()
    at.button(key=f"plan-skip-{ids['Ana']}").click().run()
    assert "Skipped Ana Silva (not-this-person)." in plain(at)
    assert [m.action for m in store.plan_marks()] == ["sent", "snoozed", "skipped"]
    assert planning.build_plan(store, 5, TODAY) == []


# ------------------------------------------------------------------ turns that cannot be lost
def test_turns_queued_while_the_coach_works_are_answered_in_order(sample: Coach, model: ScriptedChatModel) -> None:
    at = app_on("chat")
    at.session_state["queue"] = [{"text": "Write a LinkedIn connection note to Priya Raman to reconnect"},
                                 {"text": "make it more formal"}]
    at.run()
    assert not at.exception
    said = [m.markdown[0].value for m in at.chat_message if m.name == "user"]
    assert said == ["Write a LinkedIn connection note to Priya Raman to reconnect", "make it more formal"]
    assert at.code[0].value.startswith("Hi Priya,") and at.code[-1].value.startswith("Dear Priya,")
    assert "Queued" not in texts(at)
    assert "LinkedIn note to Priya Raman · reconnect" in texts(at)  # the reading, in one line


def test_a_name_nobody_has_is_asked_back_in_the_app(sample: Coach, model: ScriptedChatModel) -> None:
    at = app_on("chat").run()
    ask(at, "Write a LinkedIn note to Priya Shah to reconnect")
    assert "No Priya Shah in your contacts. Did you mean Priya Raman?" in plain(at)
    assert not at.code  # nothing drafted to anyone
    pick = next(b for b in at.button if b.key and "-pick-" in b.key)
    pick.click().run()
    assert at.code and at.code[-1].value.startswith("Hi Priya,")


def test_the_advice_card_opens_with_the_reading_of_the_situation(sample: Coach) -> None:
    at = app_on("chat").run()
    ask(at, "An acquaintance asked me for a referral and I want to say no")
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "I read this as: An acquaintance asked you for a referral and you want to say no." in captions
    shown = texts(at)
    assert "Saying no to a referral request" in shown or "favour you cannot give" in shown


def test_contact_page_shows_facts_to_edit_pin_hide_and_add(sample: Coach) -> None:
    from coach.crm.facts import book as factbook

    priya = sample.store.resolve_contact("Priya Raman")
    at = app_on("contacts").run()
    at.selectbox(key="contact-pick").set_value(priya.id).run()
    assert "What drafts may say" in texts(at)
    facts = factbook.facts(sample.store, priya.id)
    met = next(f for f in facts if f.kind == "met-at")
    at.text_input(key=f"fact-{met.id}").set_value("at PyData Berlin 2023, after the pipelines panel")
    at.button(key=f"fact-save-{met.id}").click().run()
    assert not at.exception
    saved = next(f for f in factbook.facts(sample.store, priya.id) if f.id == met.id)
    assert saved.phrase == "at PyData Berlin 2023, after the pipelines panel" and saved.edited
    at.button(key=f"fact-pin-{met.id}").click().run()
    other = next((f for f in facts if f.id != met.id and f.kind != "role"), None)
    if other:
        at.button(key=f"fact-hide-{other.id}").click().run()
        assert next(f for f in factbook.facts(sample.store, priya.id) if f.id == other.id).hidden
    at.text_input(key=f"fact-new-{priya.id}").set_value("you recommended Designing Data-Intensive Applications")
    at.selectbox(key=f"fact-kind-{priya.id}").set_value("favour")
    at.button(key=f"fact-add-{priya.id}").click().run()
    assert not at.exception
    after = factbook.facts(sample.store, priya.id)
    assert any(f.kind == "favour" and f.source == "user" for f in after)
    assert next(f for f in after if f.id == met.id).pinned
    draft = sample.draft(str(priya.id), "reconnect", "linkedin-message")
    assert "after the pipelines panel" in draft.body, draft.body
