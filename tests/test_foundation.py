"""Settings, provider seams and the CLI's error contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.config.settings import load_settings
from coach.core.errors import ConfigurationError
from coach.llm.providers import make_chat_model, make_embeddings, smollm2_path, validate_names
from tests.conftest import run_cli, run_cli_process


def test_settings_read_the_environment_and_mask_secrets(monkeypatch, tmp_path):
    monkeypatch.setenv("COACH_LLM", "openai/gpt-4o-mini")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-verysecretvalue42")
    monkeypatch.setenv("COACH_LINKEDIN_PREMIUM", "true")
    monkeypatch.setenv("COACH_DATABASE_URL", "postgresql+psycopg://coach:hunter2@127.0.0.1:5432/coach")
    s = load_settings()
    assert s.llm == "openai/gpt-4o-mini"
    assert s.note_limit == 300
    shown = str(s.public_dict())
    assert "verysecret" not in shown and "hunter2" not in shown
    assert "sk-verysecretvalue42" not in repr(s)


def test_doctor_lists_every_setting_by_its_variable(monkeypatch):
    from coach.config.settings import Settings

    monkeypatch.setenv("COACH_APP_PASSWORD", "correct horse battery")
    shown = load_settings().public_dict()
    assert set(shown) == {str(f.validation_alias) for f in Settings.model_fields.values()}
    assert {"COACH_LLM_TIER", "COACH_AGENT", "COACH_LLM_THREADS",
            "COACH_LLM_EXTRA_BUFFERS", "COACH_PLAN_SIZE"} <= set(shown)
    assert shown["COACH_APP_PASSWORD"] == "set" and "horse" not in str(shown)


def test_home_defaults_to_the_platform_data_dir_not_home(monkeypatch):
    monkeypatch.delenv("COACH_HOME")
    s = load_settings()
    assert s.home != Path.home()
    assert "networking-coach" in str(s.home)


def test_dotenv_file_is_read(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_HOME")
    (tmp_path / ".env").write_text("COACH_HOME=/tmp/from-dotenv\nCOACH_CANDIDATES=2\n")
    s = load_settings()
    assert s.home == Path("/tmp/from-dotenv") and s.candidates == 2


def test_invalid_setting_is_a_configuration_error(monkeypatch):
    monkeypatch.setenv("COACH_CANDIDATES", "lots")
    with pytest.raises(ConfigurationError, match="COACH_CANDIDATES"):
        load_settings()


@pytest.mark.parametrize("name", ["bogus/x", "llamacpp/gpt-9", "nomodel", ""])
def test_unknown_chat_model_lists_the_valid_ones(name):
    with pytest.raises(ConfigurationError, match="llamacpp/smollm2"):
        make_chat_model(name)


def test_unknown_embeddings_lists_the_valid_ones():
    with pytest.raises(ConfigurationError, match="local/all-MiniLM-L6-v2"):
        make_embeddings("nope/x")


def test_openai_without_key_or_server_says_what_to_do():
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        make_chat_model("openai/gpt-4o-mini", load_settings())


def test_validate_names_accepts_the_defaults(settings):
    validate_names(settings)


def test_embedded_model_file_ships_in_a_package():
    path = smollm2_path()
    assert path.suffix == ".gguf" and path.stat().st_size > 50_000_000


def test_cli_bogus_provider_exits_2_with_one_sentence():
    result = run_cli("doctor", env={"COACH_LLM": "bogus/x"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "llamacpp/smollm2" in lines[0] and "openai/<model>" in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_unknown_command_is_a_usage_error():
    result = run_cli("frobnicate")
    assert result.returncode == 2 and "No such command" in result.stderr


@pytest.mark.slow
def test_doctor_reports_every_component_ok_offline():
    import json

    result = run_cli_process("doctor", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    for part in ("resources", "llm", "embeddings", "chroma", "database"):
        assert report[part]["ok"], report[part]
    assert "smollm2" in report["llm"]["detail"]
    assert report["settings"]["COACH_LLM"] == "llamacpp/smollm2"
