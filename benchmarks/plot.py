"""The scaling curve: seconds against number of contacts, coach beside baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def scaling_plot(points: list[dict[str, Any]], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = [p["n_contacts"] for p in points]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(n, [p["index_s"] for p in points], "o-", label="coach index (sync_store)")
    left.plot(n, [p["baseline_index_s"] for p in points], "s--", label="baseline Chroma.from_texts")
    left.plot(n, [p["import_s"] for p in points], "^-", label="coach import (LinkedIn + notes CSV)")
    left.plot(n, [p["reindex_forced_s"] for p in points], "x:", label="re-index unchanged (full hash check)")
    left.set(xlabel="contacts", ylabel="seconds", title="Import and indexing time")
    right.plot(n, [p["search_p50_ms"] for p in points], "o-", label="coach search p50")
    right.plot(n, [p["baseline_search_p50_ms"] for p in points], "s--", label="baseline Ensemble p50")
    right.plot(n, [p["search_p95_ms"] for p in points], "o:", alpha=0.6, label="coach search p95")
    right.set(xlabel="contacts", ylabel="ms", title="Warm search latency")
    for ax in (left, right):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
