"""The embedded model's thread count follows the cores other processes leave free (coach.llm.llamacpp.loading.CpuShare)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from coach.llm.llamacpp.loading import CpuShare


def test_the_arithmetic_other_processes_busy_time_less_our_own(monkeypatch):
    samples = iter([(0.0, 100.0, 10.0),   # at start
                    (1.0, 101.9, 10.9),   # 1 s later: 1.9 core-seconds busy, 0.9 of them ours -> 1 core taken
                    (1.1, 102.0, 11.0),   # too soon to judge: the last answer stands
                    (2.1, 102.9, 11.9)])  # 0.9 busy, all ours -> every core free
    monkeypatch.setattr(CpuShare, "_sample", staticmethod(lambda: next(samples)))
    share = CpuShare(4)
    assert share.threads() == 3
    assert share.threads() == 3
    assert share.threads() == 4


def test_never_fewer_than_one_thread_nor_more_than_the_cores(monkeypatch):
    samples = iter([(0.0, 0.0, 0.0), (1.0, 9.0, 0.0), (2.0, 9.0, 0.0)])
    monkeypatch.setattr(CpuShare, "_sample", staticmethod(lambda: next(samples)))
    share = CpuShare(2)
    assert share.threads() == 1  # eight other cores' worth of work: still one thread
    assert share.threads() == 2


def test_without_proc_stat_every_core_is_used(monkeypatch):
    monkeypatch.setattr(CpuShare, "_sample", staticmethod(lambda: None))
    assert CpuShare(3).threads() == 3


def test_a_busy_neighbour_process_costs_a_thread():
    cores = os.cpu_count() or 1
    share = CpuShare(cores)
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(1.0)
        assert share.threads() <= max(1, cores - 1)
    finally:
        busy.kill()
        busy.wait()
