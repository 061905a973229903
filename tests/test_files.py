"""Files written whole (coach.core.files): the old content or the new one, never half, and nothing left behind."""

from __future__ import annotations

import pytest

from coach.core.files import DiskCache, replacing, write_whole


def test_a_failed_write_leaves_the_old_file_and_no_part_file(tmp_path):
    target = tmp_path / "sub" / "data.json"
    write_whole(target, '{"old": true}')
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        tmp.write_text('{"new": ', encoding="utf-8")
        raise RuntimeError("the writer died half way")
    assert target.read_text(encoding="utf-8") == '{"old": true}'
    assert [p.name for p in target.parent.iterdir()] == ["data.json"]
    write_whole(target, b"new")
    assert target.read_bytes() == b"new"


def test_the_disk_cache_keeps_the_newest_and_survives_a_damaged_file(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text("{not json", encoding="utf-8")
    cache = DiskCache(path, "model-a", limit=2)
    assert cache.get("q") is None
    for key in ("a", "b", "c"):
        cache.put(key, [key])
    again = DiskCache(path, "model-a", limit=2)
    assert again.get("a") is None and again.get("c") == ["c"], "the oldest entry went first"
    assert DiskCache(path, "model-b", limit=2).get("c") is None, "each embedding model has its own entries"
