"""Prompt templates as files in prompts/, loaded by name.

A template file starts with a YAML header (name, version, variables) and has
one or more sections headed `## system` / `## user`. Variables are written
`{{name}}`; rendering fails before any model call when one is missing.

Templates fence data (the user's notes) between markers such as `<<<NOTES` and
`NOTES>>>`. A value can never open or close a fence: every run of three or more
`<` or `>` in a value is spaced out (`> > >`) as it is put in (`unfenced`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import frontmatter
from pydantic import BaseModel

from coach.core.errors import PromptError

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "prompts"
_VAR = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")
_SECTION = re.compile(r"^## (system|user|assistant)\s*$", re.MULTILINE)
_MARKER = re.compile(r"<{3,}|>{3,}")


def unfenced(value: object) -> str:
    """`value` as text that cannot open or close a `<<<NAME … NAME>>>` fence around it."""
    return _MARKER.sub(lambda m: " ".join(m.group(0)), str(value))


class Prompt(BaseModel):
    name: str
    version: int
    variables: list[str]
    sections: list[tuple[str, str]]

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    def render(self, **values: object) -> list[tuple[str, str]]:
        missing = [v for v in self.variables if v not in values]
        if missing:
            raise PromptError(f"Prompt {self.ref} needs {', '.join(missing)}; the caller did not supply it.")

        def sub(match: re.Match) -> str:
            return unfenced(values[match.group(1)])

        return [(role, _VAR.sub(sub, text).strip()) for role, text in self.sections]

    def messages(self, **values: object) -> list[dict[str, str]]:
        """The rendered prompt as chat messages, plain `{"role", "content"}` dicts (every model client takes
        them; LangChain's too)."""
        return [{"role": role, "content": text} for role, text in self.render(**values)]


@lru_cache(maxsize=64)
def load_prompt(name: str, directory: str | None = None) -> Prompt:
    """Load prompts/<name>.md; the header must name its variables, and the body must use exactly those."""
    path = Path(directory or PROMPTS_DIR) / f"{name}.md"
    if not path.exists():
        raise PromptError(f"No prompt named '{name}' in {path.parent}; the installation is incomplete.")
    post = frontmatter.load(path)
    declared = list(post.get("variables") or [])
    parts = _SECTION.split(post.content)
    sections = [(parts[i], parts[i + 1]) for i in range(1, len(parts) - 1, 2)]
    if not sections:
        sections = [("user", post.content)]
    used = {v for _, text in sections for v in _VAR.findall(text)}
    if used != set(declared):
        raise PromptError(f"Prompt {name}: variables declared {sorted(declared)} but used {sorted(used)}.")
    return Prompt(name=str(post.get("name", name)), version=int(post.get("version", 1)),
                  variables=declared, sections=sections)


@lru_cache(maxsize=16)
def load_data(name: str, directory: str | None = None) -> dict:
    """Structured prompt data (asks per goal, templates) kept beside the prompts as YAML."""
    import yaml

    path = Path(directory or PROMPTS_DIR) / f"{name}.yaml"
    if not path.exists():
        raise PromptError(f"No prompt data named '{name}' in {path.parent}; the installation is incomplete.")
    return yaml.safe_load(path.read_text(encoding="utf-8"))
