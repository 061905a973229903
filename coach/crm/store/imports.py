"""Importing an export file into the store, in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from coach.crm.importers import ImportReport, PossibleDuplicate, Restore, Skip, SkippedRow, read_rows
from coach.crm.importers.merge import Merger
from coach.crm.store.database import Database


class Imports(Database):
    """`import_file`: one export, one transaction, a report of what it did."""

    def import_file(self, path: str | Path, fmt: str = "auto",
                    progress: Callable[[int], None] | None = None, today: dt.date | None = None) -> ImportReport:
        """Import one export in one transaction; `progress(n)` is called with each n bytes read; `today` dates
        the job changes it finds (a stored company or title the export changed)."""
        fmt_name, rows = read_rows(path, fmt, on_read=progress)
        report = ImportReport(file=str(path), format=fmt_name)
        self.backup("import")
        with self._write() as s:
            merger = Merger(s, fmt_name, today=today)
            for item in rows:
                if isinstance(item, Skip):
                    report.skipped.append(SkippedRow(line=item.line, reason=item.reason))
                    continue
                if isinstance(item, Restore):  # a JSON backup's profile and tag cadences
                    report.restored.extend(merger.restore(item))
                    continue
                outcome = merger.add(item.contact, item.source_id)
                setattr(report, outcome, getattr(report, outcome) + 1)
                report.skipped.extend(SkippedRow(line=item.line, reason=p) for p in item.problems)
            merger.finish()
            for cid, decision in merger.possible:
                record = merger.records[cid]
                name = " ".join(p for p in (record["first_name"], record["middle_name"], record["last_name"]) if p)
                report.possible_duplicates.append(PossibleDuplicate(id=cid, name=name, matches=decision.possible,
                                                                    reason=decision.reason))
            s.info["unchanged"] = not (report.created or report.updated or report.restored)
        return report
