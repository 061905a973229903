"""Open an export as decoded text, whatever encoding a spreadsheet saved it in.

The encoding is detected on the first 64 KB: a byte-order mark wins, then
UTF-16 without a mark (Windows tools save it so: every other byte of Latin text
is zero), then UTF-8 if the sample decodes as UTF-8, then charset-normalizer's
best guess.
A UTF-8 sample with a few lines that are not UTF-8 (one row edited in a
Windows spreadsheet) is still UTF-8: one bad row never garbles the others.
Decoding is streamed line by line (the file is never read whole): each line is
decoded alone, so a line that does not decode in the file's encoding is read
as Windows-1252 and reported with its number, and NUL bytes (a damaged
download) are removed from their line and reported, instead of making the
whole file "binary".
"""

from __future__ import annotations

import codecs
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from coach.core.errors import ImportFormatError

SAMPLE_BYTES = 64 * 1024


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
    # NUL bytes count as control characters like the others: a text file with a stray NUL (a damaged
    # download) is still text, and the NUL is removed from its line and reported when it is read.
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
    if b"BEGIN:VCARD" in sample[:4096].upper():
        # a vCard folded by bytes splits characters across lines (RFC 6350 §3.2): judge it unfolded
        sample = sample.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").replace(b"\n ", b"").replace(b"\n\t", b"")
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # a character cut by the end of the sample
    if mostly_utf8(sample):
        return "utf-8"
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


def mostly_utf8(sample: bytes) -> bool:
    """Whether `sample` is UTF-8 text with a few lines in another encoding (rows edited elsewhere).

    True when some lines hold valid multi-byte UTF-8 and no more lines fail than hold it: the failing
    lines alone are then read as Windows-1252 and reported, the rest stay exact. (Where no line holds
    UTF-8, the whole file is in the other encoding and its ASCII lines read the same either way.)
    """
    lines = sample.split(b"\n")
    if len(sample) >= SAMPLE_BYTES:
        lines = lines[:-1]  # the last line may be cut by the end of the sample
    good = bad = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad += 1
    return 0 < bad <= good


class LineProblem:
    """A line of the file that could not be read exactly: its number and why, in words."""

    __slots__ = ("line", "reason")

    def __init__(self, line: int, reason: str):
        self.line, self.reason = line, reason


class DecodedLines(io.TextIOBase):
    """A text stream that decodes a binary file one line at a time (newlines kept, as csv wants).

    A line that is not valid in `encoding` is decoded as Windows-1252 when the file is UTF-8 (a row
    edited in a Windows spreadsheet), with replacement characters otherwise; NUL bytes are removed.
    Each such line is recorded in `problems`, which the importer reports.
    """

    LINE_LIMIT = 16 * 1024 * 1024

    def __init__(self, raw: io.BufferedReader, encoding: str):
        super().__init__()
        self._raw = raw
        self.encoding_name = "utf-8" if encoding == "utf-8-sig" else encoding
        self._strip_bom = encoding == "utf-8-sig"
        self.line = 0
        self.problems: list[LineProblem] = []
        self._partial = False

    def readable(self) -> bool:
        return True

    def raw_lines(self) -> Iterator[tuple[int, bytes]]:
        """(line number, bytes) for each line, NULs removed and reported, nothing decoded."""
        while True:
            data = self._raw.readline(self.LINE_LIMIT)
            if not data:
                return
            if self._strip_bom:
                data = data.removeprefix(codecs.BOM_UTF8)
                self._strip_bom = False
            if not self._partial:
                self.line += 1
            self._partial = not data.endswith(b"\n")
            if b"\x00" in data:
                self.problems.append(LineProblem(self.line, f"line {self.line} contained {data.count(0)} NUL "
                                                            "byte(s) (a damaged file?); they were removed"))
                data = data.replace(b"\x00", b"")
            yield self.line, data

    def decode_line(self, number: int, data: bytes) -> str:
        try:
            return data.decode(self.encoding_name)
        except UnicodeDecodeError:
            pass
        if self.encoding_name == "utf-8":
            self.problems.append(LineProblem(number, f"line {number} is not valid UTF-8 (unlike the rest of the "
                                                     "file); read it as Windows-1252: check its accents"))
            return data.decode("cp1252", errors="replace")  # five cp1252 bytes are undefined
        self.problems.append(LineProblem(number, f"line {number} has bytes that are not valid "
                                                 f"{self.encoding_name}; they were replaced"))
        return data.decode(self.encoding_name, errors="replace")

    def __iter__(self):
        return self._lines()

    def _lines(self) -> Iterator[str]:
        for number, data in self.raw_lines():
            yield self.decode_line(number, data)

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        for number, data in self.raw_lines():
            return self.decode_line(number, data)
        return ""

    def read(self, size: int | None = -1) -> str:  # type: ignore[override]
        parts: list[str] = []
        total = 0
        for number, data in self.raw_lines():
            text = self.decode_line(number, data)
            parts.append(text)
            total += len(text)
            if size is not None and 0 <= size <= total:
                break
        return "".join(parts)

    def take_problems(self) -> list[LineProblem]:
        out, self.problems = self.problems, []
        return out

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_text(path: Path, on_read=None) -> tuple[io.TextIOBase, str]:
    """The file as a streamed text reader (newlines kept, for csv) and its encoding.

    UTF-16 files go through Python's decoder whole (their NULs are part of the encoding); every other
    encoding through `DecodedLines`, which reports the lines it could not read exactly.
    """
    sample = read_sample(path)
    if not sample:
        raise ImportFormatError(f"{path} is empty; export your contacts again and retry.")
    if looks_binary(sample):
        raise ImportFormatError(
            f"{path} is not a text file (it looks binary); import a CSV, vCard (.vcf) or Markdown export."
        )
    encoding = detect_encoding(sample)
    raw = CountingReader(open(path, "rb"), on_read)  # noqa: SIM115 (closed by the wrapper)
    buffered = io.BufferedReader(raw, 1 << 16)
    if encoding.startswith("utf-16") or encoding.startswith("utf_16"):
        stream: io.TextIOBase = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
    else:
        stream = DecodedLines(buffered, encoding)
    return stream, encoding
