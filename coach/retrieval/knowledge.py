"""The guidance corpus: Markdown articles with YAML front matter, and their chunks.

Each article lives in `knowledge/<theme>/<slug>.md` with front matter `title`,
`theme`, `situations` (how users describe what it answers, in their own words),
`tags` (short slugs), `directions` (who acts in the situations it serves: asking, asked,
declining, repairing, reconnecting, following-up, thanking, announcing, starting, other), optionally `script_directions` (the
directions its example message speaks for, when fewer), `serves` (the situation types it is written for), `about`
(the stakes its situations turn on: reference, referral, introduction, connection, job offer…) and `script_goal`
(the drafting goal of its script when the
user's own contact is the recipient, or `none`), and `##` sections such as
"Steps", "Example message" and "When not to do this". The index embeds one chunk per section; chunk ids
(`<source>#<heading-slug>`) and content hashes are stable, so re-indexing only
touches what changed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Literal

import frontmatter
from pydantic import BaseModel, Field, ValidationError, field_validator

from coach.core.domain import GOALS
from coach.core.errors import ConfigurationError
from coach.core.situation import DIRECTIONS, ROLES, STAKES, TRAITS, Direction  # noqa: F401  (re-exported)

Theme = Literal["opportunities", "mentorship", "visibility", "partnerships", "support", "craft", "maintenance"]
THEMES: tuple[str, ...] = Theme.__args__  # type: ignore[attr-defined]
OVERVIEW = "Overview"  # the heading given to the text before the first `##`
NO_SCRIPT_GOAL = "none"  # an article whose script is no message to the user's own contact
SCRIPT_GOALS: tuple[str, ...] = (*GOALS, NO_SCRIPT_GOAL)

_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$", re.MULTILINE)
_STEP = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")
_FENCE = re.compile(r"```[^\n]*\n(.*?)```", re.DOTALL)


class CorpusError(ConfigurationError):
    """A knowledge article is missing or has invalid front matter."""


class Article(BaseModel):
    """One guidance article."""

    path: str = Field(description="Path relative to the repository root, e.g. knowledge/support/no-reply-after-an-ask.md.")
    title: str = Field(min_length=1)
    theme: Theme
    situations: list[str] = Field(
        default_factory=list, description="Situations it answers, as a user would write them in a chat.")
    tags: list[str] = Field(default_factory=list, description="Short slug tags, e.g. no-reply, follow-up.")
    directions: list[Direction] = Field(
        default_factory=list, description="The situation directions it serves: asking (the user wants something), asked "
                                  "(someone asked the user), declining, repairing, reconnecting (a tie gone quiet), following-up, thanking, "
                                  "announcing, starting (from zero), other. A decline never leads with an "
                                  "article that does not list 'declining'; none listed: any direction.")
    script_directions: list[Direction] = Field(
        default_factory=list, description="The directions its example message speaks for, where that is fewer than "
                                          "it serves (a reconnecting note serves a repair's steps but apologises for "
                                          "nothing); none listed: every direction it serves.")
    serves: dict[Literal["role", "stake", "trait"], list[str]] = Field(
        default_factory=dict,
        description="The situation types it is written for, matched against the reading's typed fields: 'role' (who "
                    "the counterpart is: friend, client, teacher…), 'stake' (referral, reference, job…) and 'trait' (a "
                    "circumstance: late, returning, channel, offered help, illness). An article "
                    "that declares one leads only when the reading has one of its values; none declared: any.")
    about: list[str] = Field(
        default_factory=list,
        description="What is at stake in the situations it answers, as the reader types stakes (a reference, a "
                    "referral, an introduction, a connection, a job offer…): among the articles serving a reading, "
                    "those about its stake lead, those about only other stakes come last; none listed: any stake.")
    script_goal: str = Field(
        default=NO_SCRIPT_GOAL,
        description="The drafting goal of its script when the user's own contact is the recipient, or 'none'.")
    script_slots: dict[str, str] = Field(
        default_factory=dict,
        description="Words of the example message that belong to its invented writer's situation (a role, a field, "
                    "a deadline), each with the slot a script shows instead: {'senior supply-chain analyst roles': "
                    "'the roles you want'}. Names, companies and places become slots without being listed.")
    body: str = Field(description="The Markdown after the front matter.")
    sections: dict[str, str] = Field(default_factory=dict, description="Text under each heading, in order.")

    @field_validator("serves")
    @classmethod
    def _known_types(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key, values in value.items():
            known = {"role": ROLES, "stake": STAKES, "trait": TRAITS}[key]
            unknown = [v for v in values if v not in known]
            if unknown or not values:
                raise ValueError(f"{key} must list some of {', '.join(known)}; got {values!r}")
        return value

    @field_validator("about")
    @classmethod
    def _known_stakes(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v not in STAKES]
        if unknown:
            raise ValueError(f"about must list some of {', '.join(STAKES)}; got {unknown!r}")
        return value

    @field_validator("script_goal")
    @classmethod
    def _known_goal(cls, value: str) -> str:
        if value not in SCRIPT_GOALS:
            raise ValueError(f"'{value}' is not a goal")
        return value

    @property
    def slug(self) -> str:
        return Path(self.path).stem


class Chunk(BaseModel):
    """One section of an article, as indexed."""

    id: str
    text: str = Field(description="The section text, without its heading.")
    source: str
    title: str
    theme: str
    situations: list[str]
    tags: list[str] = Field(default_factory=list)
    heading: str
    hash: str = Field(description="sha256 of the indexed document and its metadata.")

    @property
    def document(self) -> str:
        """What is embedded and matched lexically: title, heading, situations, tags, then the text."""
        lines = [f"{self.title} — {self.heading}"]
        if self.situations:
            lines.append("Situations: " + " ".join(_sentence(s) for s in self.situations))
        if self.tags:
            lines.append("Tags: " + ", ".join(t.replace("-", " ") for t in self.tags))
        return "\n".join(lines) + f"\n\n{self.text}"

    def metadata(self) -> dict[str, str | int]:
        return {
            "source": self.source, "title": self.title, "theme": self.theme, "heading": self.heading,
            "situations": " | ".join(self.situations), "tags": ", ".join(self.tags), "hash": self.hash,
        }


def _sentence(text: str) -> str:
    """A situation as a sentence of its own (a slug reads as words), so phrasings don't run together."""
    text = text.strip().replace("-", " ") if " " not in text.strip() else text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _strings(value: object, split: bool) -> list[str]:
    """A front-matter list; a single string is one item, or comma-separated items when `split`."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()] if split else [value.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value).strip()]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def split_sections(body: str) -> dict[str, str]:
    """Map each `##` heading to its text; text before the first heading is the Overview."""
    sections: dict[str, str] = {}
    matches = list(_HEADING.finditer(body))
    intro = body[: matches[0].start()] if matches else body
    if intro.strip():
        sections[OVERVIEW] = intro.strip()
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        heading = match.group(1).strip()
        text = body[match.end(): end].strip()
        if heading in sections:  # a repeated heading keeps both texts under one key
            sections[heading] = f"{sections[heading]}\n\n{text}".strip()
        else:
            sections[heading] = text
    return sections


def load_article(path: Path, root: Path) -> Article:
    """Parse and validate one article; `root` is the directory paths are made relative to."""
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    try:
        post = frontmatter.load(str(path))
    except Exception as exc:  # yaml errors come in several types
        raise CorpusError(f"{rel}: the front matter is not valid YAML ({exc}); fix the block between the --- lines.") from None
    meta = dict(post.metadata)
    goal = meta.get("script_goal")
    try:
        article = Article(
            path=rel, title=str(meta.get("title") or "").strip(), theme=meta.get("theme"),
            situations=_strings(meta.get("situations"), split=False),
            tags=_strings(meta.get("tags"), split=True),
            directions=_strings(meta.get("directions"), split=True),
            script_directions=_strings(meta.get("script_directions"), split=True),
            script_goal=NO_SCRIPT_GOAL if goal is None else str(goal).strip(),
            script_slots=meta.get("script_slots") or {},
            serves={k: _strings(v, split=True) for k, v in (meta.get("serves") or {}).items()},
            about=_strings(meta.get("about"), split=True),
            body=post.content, sections=split_sections(post.content),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        hints = {
            "theme": f"theme must be one of {', '.join(THEMES)}",
            "directions": f"directions must be a list of {', '.join(DIRECTIONS)}; got {meta.get('directions')!r}",
            "script_directions": f"script_directions must be a list of {', '.join(DIRECTIONS)}",
            "serves": f"serves maps role ({', '.join(ROLES)}), stake ({', '.join(STAKES)}) and trait "
                      f"({', '.join(TRAITS)}) to lists",
            "about": f"about must be a list of {', '.join(STAKES)}; got {meta.get('about')!r}",
            "script_goal": f"script_goal must be one of {', '.join(SCRIPT_GOALS)}; got '{goal}'",
            "script_slots": "script_slots maps words of the example message to slot names, e.g. "
                            "'senior analyst roles: the roles you want'",
        }
        hint = hints.get(str(first["loc"][0]), first["msg"])
        raise CorpusError(f"{rel}: invalid front matter field '{field}' ({hint}); fix the article.") from None
    example = example_message(article)
    for phrase, slot in article.script_slots.items():
        if not phrase.strip() or not slot.strip() or "[" in slot or "]" in slot:
            raise CorpusError(f"{rel}: script_slots needs words of the example and a slot name without brackets; "
                              f"got '{phrase}': '{slot}'.")
        if phrase not in example:
            raise CorpusError(f"{rel}: script_slots names '{phrase}', which is not in the example message; "
                              "copy the words exactly.")
    folder = path.parent.name
    if folder in THEMES and folder != article.theme:
        raise CorpusError(f"{rel}: theme '{article.theme}' does not match its folder '{folder}'; move the file or fix the theme.")
    return article


def article_files(knowledge_dir: Path) -> list[Path]:
    if not knowledge_dir.is_dir():
        raise CorpusError(f"The knowledge folder {knowledge_dir} does not exist; set COACH_KNOWLEDGE_DIR to the corpus.")
    return sorted(knowledge_dir.rglob("*.md"))


def load_corpus(knowledge_dir: Path) -> list[Article]:
    """Every article under `knowledge_dir`, sorted by path; paths are relative to its parent."""
    root = knowledge_dir.resolve().parent
    return [load_article(p, root) for p in article_files(knowledge_dir) if p.name.lower() != "readme.md"]


def corpus_stamp(knowledge_dir: Path) -> str:
    """A cheap fingerprint of the corpus files (names, sizes, modification times)."""
    digest = hashlib.sha256()
    for p in article_files(knowledge_dir):
        st = p.stat()
        digest.update(f"{p.as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def article_steps(article: Article) -> list[str]:
    """The numbered items under "## Steps" (continuation lines joined)."""
    text = article.sections.get("Steps", "")
    steps: list[str] = []
    for line in text.splitlines():
        match = _STEP.match(line)
        if match:
            steps.append(match.group(2).strip())
        elif steps and line.strip() and line.startswith((" ", "\t")):
            steps[-1] = f"{steps[-1]} {line.strip()}"
    return steps


def example_message(article: Article) -> str:
    """The message under "## Example message": the fenced block, or the text without its Channel line."""
    text = article.sections.get("Example message", "")
    fenced = _FENCE.search(text)
    if fenced:
        return fenced.group(1).strip()
    lines = [ln for ln in text.splitlines() if not ln.lower().startswith("channel:")]
    return "\n".join(lines).strip()


def chunk_article(article: Article) -> list[Chunk]:
    """One chunk per section, with stable ids and content hashes."""
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for heading, text in article.sections.items():
        if not text.strip():
            continue
        slug = slugify(heading)
        while slug in seen:
            slug += "-x"
        seen.add(slug)
        chunk = Chunk(
            id=f"{article.path}#{slug}", text=text, source=article.path, title=article.title,
            theme=article.theme, situations=article.situations, tags=article.tags, heading=heading, hash="",
        )
        payload = "\0".join([chunk.document, chunk.source, chunk.theme, chunk.heading])
        chunk.hash = hashlib.sha256(payload.encode()).hexdigest()
        chunks.append(chunk)
    return chunks


def chunk_corpus(articles: list[Article]) -> list[Chunk]:
    return [chunk for article in articles for chunk in chunk_article(article)]
