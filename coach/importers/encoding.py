"""Open an export as decoded text, whatever encoding a spreadsheet saved it in.

The encoding is detected on the first 64 KB: a byte-order mark wins, then
UTF-16 without a mark (Windows tools save it so: every other byte of Latin text
is zero), then UTF-8 if the sample decodes as UTF-8, then charset-normalizer's
best guess.
Decoding is streamed (the file is never read whole). A UTF-8 file with a
stray cp1252 byte further down (a spreadsheet edit) decodes that byte as
cp1252 instead of failing.
"""

from __future__ import annotations

import codecs
import io
from collections import Counter
from pathlib import Path

from charset_normalizer import from_bytes

from coach.errors import ImportFormatError

SAMPLE_BYTES = 64 * 1024
_FALLBACK_HANDLER = "coach-cp1252-fallback"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error(_FALLBACK_HANDLER, _cp1252_fallback)


class CountingReader(io.RawIOBase):
    """A binary reader that reports how many bytes were consumed (for progress bars)."""

    def __init__(self, raw: io.BufferedReader, on_read=None):
        self._raw = raw
        self._on_read = on_read
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.consumed += n
        if self._on_read is not None and n:
            self._on_read(n)
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def read_sample(path: Path, size: int = SAMPLE_BYTES) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except FileNotFoundError:
        raise ImportFormatError(f"{path} does not exist; check the path and try again.") from None
    except IsADirectoryError:
        raise ImportFormatError(f"{path} is a folder; only Markdown notes can be imported from a folder.") from None
    except OSError as exc:
        raise ImportFormatError(f"{path} cannot be read ({exc.strerror or exc}); check its permissions.") from None


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `sample` is UTF-16 text without a byte-order mark, else None.

    In text saved as UTF-16 the high bytes of the code units take one or two values (zero for
    the commas and line breaks, 0x04 for Cyrillic letters, ...) while the low bytes vary; in
    UTF-8 text and in binary data neither side is that uniform. The guess is kept only if the
    sample then decodes to printable text.
    """
    pairs = len(sample) // 2
    if pairs < 2:
        return None

    def top_two(side: bytes) -> tuple[float, list[int]]:
        common = Counter(side).most_common(2)
        return sum(n for _, n in common) / len(side), [value for value, _ in common]

    even, even_top = top_two(sample[0: 2 * pairs: 2])
    odd, odd_top = top_two(sample[1: 2 * pairs: 2])
    if odd >= 0.8 and 0 in odd_top and even <= 0.6:
        encoding = "utf-16-le"
    elif even >= 0.8 and 0 in even_top and odd <= 0.6:
        encoding = "utf-16-be"
    else:
        return None
    cut = sample[: 2 * pairs]
    try:
        text = cut.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start < len(cut) - 4:  # a surrogate pair cut by the end of the sample is fine
            return None
        text = cut[: exc.start].decode(encoding)
    control = sum(1 for ch in text if ch < "\x20" and ch not in "\t\r\n")
    return encoding if control <= max(2, len(text) // 100) else None


def looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > max(2, len(sample) // 100)


def detect_encoding(sample: bytes) -> str:
    """The encoding to decode a file with, from its first bytes."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    bare = utf16_without_bom(sample)
    if bare:
        return bare
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # a character cut by the end of the sample
    results = from_bytes(sample)
    best = results.best()
    if best is None:
        return "cp1252"
    # Western spreadsheets save cp1252 (a superset of Latin-1's printable characters). When
    # charset-normalizer finds it as plausible as its first pick (cp1250 and cp1252 often tie
    # on names like "Ñúñez"), prefer it.
    for match in results:
        if match.encoding in ("cp1252", "latin_1") and match.chaos <= best.chaos + 0.02:
            return "cp1252"
    return best.encoding


def open_text(path: Path, on_read=None) -> tuple[io.TextIOWrapper, str]:
    """The file as a streamed text reader (universal newlines off, for csv) and its encoding."""
    sample = read_sample(path)
    if not sample:
        raise ImportFormatError(f"{path} is empty; export your contacts again and retry.")
    if looks_binary(sample):
        raise ImportFormatError(
            f"{path} is not a text file (it looks binary); import a CSV, vCard (.vcf) or Markdown export."
        )
    encoding = detect_encoding(sample)
    errors = _FALLBACK_HANDLER if encoding.startswith("utf-8") else "replace"
    raw = CountingReader(open(path, "rb"), on_read)  # noqa: SIM115 (closed by the wrapper)
    stream = io.TextIOWrapper(io.BufferedReader(raw, 1 << 16), encoding=encoding, errors=errors, newline="")
    return stream, encoding
