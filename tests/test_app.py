"""The Streamlit app, headless (AppTest): every page over a scripted model and fake embeddings."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from coach.agent import Coach
from coach.retrieval import Retriever
from coach.testing import HashingEmbeddings, ScriptedChatModel
from coach.ui import state
from tests.conftest import REPO
from tests.fixtures_contacts import linkedin_text

APP = str(REPO / "app.py")
TIMEOUT = 120
HOOK = "I still remember our chat about streaming pipelines."


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> ScriptedChatModel:
    """The app's Coach, built over this scripted model and hashing embeddings (the cached factory replaced)."""
    fake = ScriptedChatModel(responder=lambda messages: HOOK)

    def build(settings):
        return Coach(settings, retriever=Retriever(settings, embeddings=HashingEmbeddings()), model=fake)

    monkeypatch.setattr(state, "build_coach", build)
    monkeypatch.delenv("COACH_APP_PASSWORD", raising=False)
    state._OVERRIDES.clear()
    st.cache_resource.clear()
    yield fake
    state._OVERRIDES.clear()
    st.cache_resource.clear()


@pytest.fixture
def sample(model: ScriptedChatModel) -> Coach:
    from coach.sample import load_sample

    coach = state.coach()
    load_sample(coach.store)
    return coach


def app_on(page: str = "chat") -> AppTest:
    """The app with its navigation, opened on `page`."""
    script = ("import streamlit as st\nfrom coach.ui import nav\n"
              f"st.navigation(nav.pages(default={page!r})).run()\n")
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
    store = state.coach().store
    assert len(store.list_contacts()) == 20
    assert store.get_profile().target_companies[:2] == ["Contoso", "Woodgrove Bank"]
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
    assert "checks fail: length" in texts(at).split("Your version scores")[1]  # and the checker saw it

    at.button(key="turn1-formal").click().run()
    assert not at.exception
    assert at.code[-1].value.startswith("Dear Priya,")
    at.selectbox(key="turn3-channel").select("email").run()
    at.button(key="turn3-switch").click().run()
    assert not at.exception
    assert "**Email** to **Priya Raman**" in texts(at)
    assert "**Subject:**" in texts(at)
    assert [b.key for b in at.button if b.key and b.key.endswith("-regen")] == ["turn5-regen"]  # latest card only


def test_chat_advice_shows_steps_script_and_people_linking_to_contacts(sample: Coach) -> None:
    at = app_on("chat").run()
    ask(at, "I was laid off last week and feel stuck, what should I do?")
    shown = texts(at)
    assert "People who could help" in shown
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
    from coach.errors import ProviderError

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
    assert at.file_uploader[0].proto.type == [".csv", ".vcf", ".vcard", ".md", ".markdown"]


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
    at.text_area[0].set_value("Talked about her new team in Dublin.")
    [b for b in at.button if b.label == "Add note"][0].click().run()
    assert not at.exception
    assert any("Dublin" in n.text for n in sample.store.get_contact(priya.id).notes)
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
