"""Benchmarks: `python benchmarks/run.py [--quick|--tiny] --out DIR` (also `make bench`).

Every measurement runs beside its baseline in the same process on the same
data, so that the ratios hold even on a busy machine:

* import of a LinkedIn export plus a notes CSV (contacts/s);
* indexing (`Index.sync_store`) against `Chroma.from_texts` with the same embeddings;
* warm search p50/p95 against LangChain's EnsembleRetriever(Chroma + BM25Retriever);
* re-index of an unchanged store, with and without the revision short-cut, and after 1% changed;
* draft latency against raw llama.cpp generation of the same prompts and tokens, one call after another,
  and against the generation floor (the prompt read once, every candidate's tokens decoded together);
  the time to the first streamed token;
* a whole `coach draft` process (cold start) against an instant stand-in model on loopback;
* peak RSS of a separate process with the store, index, embeddings and model loaded.

Writes DIR/bench.json, DIR/bench.md and DIR/scaling.png (and DIR/draft_profile.txt).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
for _var, _value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("ANONYMIZED_TELEMETRY", "False"),
                     ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_var, _value)

SIZES = {"tiny": (40, 120), "quick": (500, 2_000), "full": (1_000, 10_000)}
DRAFT_PLAN = (("referral", "linkedin-note"), ("reconnect", "email"), ("mentorship", "linkedin-message"),
              ("informational-interview", "email"), ("thank-you", "linkedin-message"), ("follow-up", "linkedin-note"))
TINY_REPLY = "Hi there, it was great to meet you. Would you be open to a short call next week?"


class Bench:
    """One run: the settings shared by every size, and the fakes when `--tiny`."""

    def __init__(self, args: argparse.Namespace, work: Path):
        self.args, self.work, self.tiny = args, work, args.mode == "tiny"

    def settings(self, home: Path):
        from coach.config.settings import load_settings

        return load_settings(home=str(home), candidates=self.args.candidates)

    def embeddings(self, settings) -> Any:
        if self.tiny:
            from tests.doubles import HashingEmbeddings

            return HashingEmbeddings()
        from coach.llm.providers import make_embeddings

        return make_embeddings(settings.embeddings, settings)

    def index(self, settings) -> Any:
        from coach.retrieval.index import Index

        # Real mode: the Index resolves the embeddings by name, as the CLI and app do, so the
        # memory probe (a separate process) finds the collections current and re-embeds nothing.
        return Index(settings, self.embeddings(settings)) if self.tiny else Index(settings)


# --------------------------------------------------------------------------- one size
def run_size(bench: Bench, n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    from benchmarks.baseline import LangChainBaseline
    from benchmarks.data import (
        GUIDANCE_QUERIES,
        contact_queries,
        generate_contacts,
        write_coach_csv,
        write_linkedin_csv,
    )
    from benchmarks.measure import paired_latencies_ms, summary
    from coach.crm.store import Store
    from coach.retrieval.index.documents import contact_document
    from coach.retrieval.knowledge import chunk_corpus, load_corpus
    from coach.retrieval.search import Retriever

    args = bench.args
    home = bench.work / f"n{n}"
    settings = bench.settings(home)
    contacts = generate_contacts(n, args.seed)
    linkedin = write_linkedin_csv(contacts, bench.work / f"connections-{n}.csv")
    notes = write_coach_csv(contacts, bench.work / f"notes-{n}.csv")
    store = Store.open(settings)
    point: dict[str, Any] = {"n_contacts": n}

    start = time.perf_counter()
    store.import_file(linkedin)
    point["import_linkedin_s"] = round(time.perf_counter() - start, 3)
    report = store.import_file(notes)
    point["import_s"] = round(time.perf_counter() - start, 3)
    point["import_per_s"] = round(n / point["import_s"], 1)
    assert report.created == 0 and report.updated == n, f"the notes CSV should update all {n}: {report}"

    index = bench.index(settings)
    embeddings = index.embeddings
    embeddings.embed_documents(["warm up the embedding model"])  # loaded once, for both sides
    point["guidance_index_s"] = index.sync_guidance().seconds
    start, cpu = time.perf_counter(), time.process_time()
    stats = index.sync_store(store)
    point["index_s"] = round(time.perf_counter() - start, 3)
    point["index_cpu_s"] = round(time.process_time() - cpu, 3)  # less sensitive to other processes' load
    assert stats.embedded == n, stats
    point["index_per_s"] = round(n / point["index_s"], 1)

    texts = [contact_document(c) for c in store.all_contacts()]
    cpu = time.process_time()
    baseline = LangChainBaseline(texts, embeddings, home / "baseline-chroma", "contacts")
    point["baseline_index_cpu_s"] = round(time.process_time() - cpu - baseline.bm25_build_cpu_s, 3)
    point["baseline_index_s"] = round(baseline.index_s, 3)
    point["baseline_index_per_s"] = round(n / baseline.index_s, 1)
    point["baseline_bm25_build_s"] = round(baseline.bm25_build_s, 3)
    chunks = chunk_corpus(load_corpus(settings.knowledge_dir))
    guidance_baseline = LangChainBaseline([c.document for c in chunks], embeddings, home / "baseline-chroma",
                                          "guidance")

    # Re-indexing: the revision short-cut, the full hash comparison, and 1% of contacts changed.
    start = time.perf_counter()
    assert index.sync_store(store).skipped
    point["reindex_unchanged_s"] = round(time.perf_counter() - start, 4)
    start = time.perf_counter()
    assert index.sync_store(store, force=True).embedded == 0
    point["reindex_forced_s"] = round(time.perf_counter() - start, 3)
    ids = [c.id for c in store.list_contacts()]
    touched = random.Random(args.seed).sample(ids, max(1, n // 100))
    for cid in touched:
        store.add_note(cid, "Caught up over coffee; they are hiring again.")
    start = time.perf_counter()
    stats = index.sync_store(store)
    point["reindex_touched_s"] = round(time.perf_counter() - start, 3)
    point["reindex_touched_embedded"] = stats.embedded

    # Warm search: the coach's hybrid retriever against EnsembleRetriever(Chroma, BM25Retriever).
    retriever = Retriever(settings, index=index)
    people = contact_queries(contacts, args.queries, args.seed)
    guidance = list(GUIDANCE_QUERIES)
    ours_c, base_c = paired_latencies_ms(lambda q: retriever.search(q, kind="contacts", k=5), baseline.search,
                                         people, args.rounds)
    ours_g, base_g = paired_latencies_ms(lambda q: retriever.search(q, kind="guidance", k=5),
                                         guidance_baseline.search, guidance, args.rounds)
    for prefix, c, g in (("", ours_c, ours_g), ("baseline_", base_c, base_g)):
        both = summary(c + g)
        point[f"{prefix}search_p50_ms"], point[f"{prefix}search_p95_ms"] = both["p50"], both["p95"]
        for kind, values in (("contacts", c), ("guidance", g)):
            s = summary(values)
            point[f"{prefix}search_{kind}_p50_ms"], point[f"{prefix}search_{kind}_p95_ms"] = s["p50"], s["p95"]
    point["search_samples"] = len(ours_c) + len(ours_g)
    point.update(measure_plan(store, contacts, bench.work / f"connections-{n}-later.csv", args.seed))
    print(f"[bench] n={n}: import {point['import_s']}s, index {point['index_s']}s vs "
          f"{point['baseline_index_s']}s, search p50 {point['search_p50_ms']} vs "
          f"{point['baseline_search_p50_ms']} ms", file=sys.stderr, flush=True)
    return point, {"settings": settings, "store": store, "retriever": retriever, "contacts": contacts}


def measure_plan(store: Any, contacts: list[Any], later_csv: Path, seed: int, rounds: int = 3) -> dict[str, Any]:
    """The weekly plan over this store, after a LinkedIn export taken three months later in which 2% of the
    people changed jobs: the changes found, and the plan's time (p50 of `rounds`)."""
    from benchmarks.data import TODAY, with_job_changes, write_linkedin_csv
    from benchmarks.measure import summary
    from coach.plan.weekly import build_plan

    later = TODAY + dt.timedelta(days=90)
    moved, changed = with_job_changes(contacts, 0.02, seed)
    write_linkedin_csv(moved, later_csv)
    report = store.import_file(later_csv, today=later)
    times, plan = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        plan = build_plan(store, 5, today=later + dt.timedelta(days=2))
        times.append((time.perf_counter() - start) * 1000)
    news = sum(1 for entry in plan if entry.fact.kind == "job_change")
    return {"plan_ms": summary(times)["p50"], "plan_people": len(plan), "plan_news": news,
            "plan_job_changes_made": changed, "plan_job_changes_updated": report.updated}


# --------------------------------------------------------------------------- drafts
def run_drafts(bench: Bench, world: dict[str, Any], out: Path) -> dict[str, Any]:
    from benchmarks.generation import CountingModel, FakeRaw, RawLlama
    from benchmarks.measure import percentile
    from coach.service import Coach

    settings, store = world["settings"], world["store"]
    if bench.tiny:
        from tests.doubles import ScriptedChatModel

        inner = ScriptedChatModel(responder=lambda _messages: TINY_REPLY)
        raw: Any = FakeRaw(ScriptedChatModel(responder=lambda _messages: TINY_REPLY))
    else:
        from coach.llm.providers import LLAMACPP_CONTEXT, embedded_weights, make_chat_model

        inner = make_chat_model(settings.llm, settings)
        raw = RawLlama(str(embedded_weights(settings.llm_weights)), LLAMACPP_CONTEXT, settings.llm_threads or os.cpu_count() or 1,
                       {k: getattr(inner, k) for k in ("temperature", "top_p", "repeat_penalty")})
    model = CountingModel(inner)
    coach = Coach(settings, store=store, retriever=world["retriever"], model=model)
    with_notes = [c for c in store.all_contacts() if c.notes]
    from coach.drafting.fallback import DraftError

    order = random.Random(bench.args.seed).sample(with_notes, min(len(with_notes), 3 * (bench.args.drafts + 1)))
    targets, refused = order[:bench.args.drafts + 1], []
    spare = iter(order[bench.args.drafts + 1:])

    first: list[float] = []
    began: list[float] = []

    def draft(i: int) -> Any:
        """Target i's draft; a person the drafter refuses (DraftError) is recorded and the next spare one taken."""
        goal, channel = DRAFT_PLAN[i % len(DRAFT_PLAN)]
        while True:
            first.clear()
            began[:] = [time.perf_counter()]  # the attempt that succeeds is the one timed
            try:
                return coach.draft(str(targets[i].id), goal, channel,
                                   on_token=lambda _t: first or first.append(time.perf_counter()))
            except DraftError as exc:
                refused.append({"contact": targets[i].name, "goal": goal, "channel": channel, "error": str(exc)})
                model.take()
                targets[i] = next(spare)

    draft(len(targets) - 1)  # warm: model loaded, prompt prefix cached, tables in memory
    model.take()
    rows = []
    for i in range(bench.args.drafts):
        result = draft(i)
        start = began[0]
        wall = (time.perf_counter() - start) * 1000
        first_ms = (first[0] - start) * 1000 if first else wall
        calls = model.take()
        raw_s, raw_prompt = raw.replay(calls)  # right away: same load, and the same prefix cache history
        floor_s = raw.floor(calls) if hasattr(raw, "floor") else raw_s
        rows.append({"ms": wall, "draft_latency_ms": result.latency_ms, "raw_ms": raw_s * 1000,
                     "floor_ms": floor_s * 1000, "first_token_ms": first_ms,
                     "model_ms": sum(c.seconds for c in calls) * 1000,
                     "calls": len(calls), "output_tokens": sum(c.output_tokens for c in calls),
                     "prompt_tokens": sum(c.prompt_tokens for c in calls), "raw_prompt_tokens": raw_prompt,
                     "fallback": result.fallback, "goal": result.goal, "channel": result.channel})

    for row in rows:  # after all replays: decode_only resets the raw model's prompt cache
        row["decode_ms"] = (raw.decode_only(row["output_tokens"]) * 1000 if hasattr(raw, "decode_only")
                            else row["raw_ms"])

    def p50(key: str) -> float:
        return round(percentile([r[key] for r in rows], 50), 1)

    summary = {
        "drafts": len(rows), "candidates": settings.candidates, "draft_p50_ms": p50("ms"),
        "draft_p95_ms": round(percentile([r["ms"] for r in rows], 95), 1),
        "raw_generation_p50_ms": p50("raw_ms"), "raw_decode_only_p50_ms": p50("decode_ms"),
        "generation_floor_ms": p50("floor_ms"), "first_token_ms": p50("first_token_ms"),
        "model_p50_ms": p50("model_ms"),
        "outside_model_p50_ms": round(percentile([r["ms"] - r["model_ms"] for r in rows], 50), 1),
        "output_tokens_per_draft": round(sum(r["output_tokens"] for r in rows) / len(rows), 1),
        "prompt_tokens_per_draft": round(sum(r["prompt_tokens"] for r in rows) / len(rows), 1),
        "refused": refused,
        "per_draft": [{k: (round(v, 1) if isinstance(v, float) else v) for k, v in r.items()} for r in rows],
    }
    if not bench.tiny and bench.args.profile:
        summary["profile"] = profile_draft(lambda: draft(0), out / "draft_profile.txt")
    return summary


def profile_draft(fn: Any, path: Path) -> str:
    """One more draft under pyinstrument; the text report goes to `path`."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.002)
    profiler.start()
    fn()
    profiler.stop()
    path.write_text(profiler.output_text(unicode=False, color=False, show_all=False))
    return path.name


# --------------------------------------------------------------------------- cold start
def draft_cold(bench: Bench, world: dict[str, Any], runs: int = 3) -> dict[str, Any]:
    """Whole `coach draft --json` and `coach check --json` processes on the benchmark's store and index, against
    an instant stand-in model (`openai/<model>` on loopback): what a shell user waits for, minus the model.
    Beside them, the baseline: a bare Python process that only imports LangChain's OpenAI client, the floor any
    command that talks to a model through it pays. One unmeasured draft first (it caches the drafter's guidance
    answer, as any first draft does); p50 of `runs` each."""
    from benchmarks.measure import percentile
    from tests.standin.server import StandinServer

    settings = world["settings"]
    # someone with history to draw on: to a contact whose notes hold only trivia ("Into running"), the coach
    # rightly refuses a reconnect message that cannot say why
    target = next(c for c in world["store"].all_contacts() if c.notes and c.how_we_met)
    if bench.tiny:  # the bench's index holds fake vectors: the process must embed queries the same way
        return {"draft_cold_ms": None, "draft_cold_runs_ms": [], "check_cold_ms": None}
    draft = [sys.executable, "-m", "coach", "draft", "--to", str(target.id), "--goal", "reconnect",
             "--channel", "email", "--json"]
    with StandinServer(responder=lambda _request: TINY_REPLY) as server, \
            tempfile.TemporaryDirectory(prefix="coach-run-", dir="/tmp") as runtime:
        message = Path(runtime) / "message.txt"
        message.write_text(TINY_REPLY)
        check = [sys.executable, "-m", "coach", "check", "--goal", "reconnect", "--channel", "email", "--json",
                 str(message)]
        floor = [sys.executable, "-c", "import langchain_openai"]
        env = {**os.environ, "COACH_HOME": str(settings.home), "COACH_LLM": "openai/standin",
               "OPENAI_API_KEY": "sk-standin", "COACH_LLM_BASE_URL": server.url}

        def timed(cmd: list[str], parse: bool = True) -> float:
            start = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, check=False)
            elapsed = (time.perf_counter() - start) * 1000
            if done.returncode not in (0, 1) or (parse and not done.stdout.strip()):
                raise RuntimeError(f"`{' '.join(cmd[2:5])}` failed: {done.stderr.strip()[-2000:]}")
            if parse:
                json.loads(done.stdout)
            return round(elapsed, 1)

        timed(draft)
        drafts = [timed(draft) for _ in range(runs)]
        checks = [timed(check) for _ in range(runs)]
        floors = [timed(floor, parse=False) for _ in range(runs)]
    return {"draft_cold_ms": round(percentile(drafts, 50), 1), "draft_cold_runs_ms": drafts,
            "check_cold_ms": round(percentile(checks, 50), 1), "check_cold_runs_ms": checks,
            "client_import_ms": round(percentile(floors, 50), 1), "client_import_runs_ms": floors}


# --------------------------------------------------------------------------- memory
def rss_probe(home: str, tiny: bool, candidates: int) -> dict[str, Any]:
    """Run inside a fresh process: load everything a user session loads, search, draft, report peak RSS."""
    from benchmarks.measure import peak_rss_mb
    from coach.config.settings import load_settings
    from coach.crm.store import Store
    from coach.retrieval.search import Retriever
    from coach.service import Coach

    settings = load_settings(home=home, candidates=candidates)
    model = embeddings = None
    if tiny:
        from tests.doubles import HashingEmbeddings, ScriptedChatModel

        model, embeddings = ScriptedChatModel(responder=lambda _m: TINY_REPLY), HashingEmbeddings()
    store = Store.open(settings)
    retriever = Retriever(settings, embeddings=embeddings)
    coach = Coach(settings, store=store, retriever=retriever, model=model)
    retriever.search("who do I know who works on payments", kind="all", k=5)
    contact = next(c for c in store.all_contacts() if c.notes and c.how_we_met)  # as draft_cold: history to use
    coach.draft(str(contact.id), "reconnect", "email")
    stats = retriever.ensure_synced(store)
    return {"peak_rss_mb": peak_rss_mb(), "re_embedded": sum(s.embedded for s in stats)}


def measure_rss(bench: Bench, home: Path) -> dict[str, Any]:
    """Peak RSS of a fresh process; with `--tiny` (fakes, nothing heavy to load) in this process."""
    if bench.tiny:
        return {**rss_probe(str(home), True, bench.args.candidates), "in_process": True}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--rss-probe", str(home),
           "--candidates", str(bench.args.candidates)] + (["--tiny"] if bench.tiny else [])
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the memory probe failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- main
def headline(points: list[dict[str, Any]], draft: dict[str, Any], rss: dict[str, Any],
             cold: dict[str, Any]) -> dict[str, Any]:
    from benchmarks.report import LIMITS

    top = points[-1]
    keys = ("n_contacts", "index_per_s", "baseline_index_per_s", "index_cpu_s", "baseline_index_cpu_s", "import_per_s", "search_p50_ms", "search_p95_ms",
            "baseline_search_p50_ms", "baseline_search_p95_ms", "search_contacts_p50_ms", "search_guidance_p50_ms",
            "baseline_search_contacts_p50_ms", "baseline_search_guidance_p50_ms", "reindex_unchanged_s",
            "reindex_forced_s", "reindex_touched_s", "plan_ms", "plan_people", "plan_news")
    result = {k: top[k] for k in keys}
    result.update(draft_p50_ms=draft["draft_p50_ms"], raw_generation_p50_ms=draft["raw_generation_p50_ms"],
                  generation_floor_ms=draft["generation_floor_ms"], first_token_ms=draft["first_token_ms"],
                  draft_cold_ms=cold["draft_cold_ms"], check_cold_ms=cold["check_cold_ms"],
                  client_import_ms=cold.get("client_import_ms"),
                  peak_rss_mb=rss["peak_rss_mb"])
    result["index_speedup"] = round(top["index_per_s"] / top["baseline_index_per_s"], 3)
    result["search_speedup"] = round(top["baseline_search_p50_ms"] / max(top["search_p50_ms"], 1e-9), 3)
    result["draft_overhead_ratio"] = round(draft["draft_p50_ms"] / max(draft["raw_generation_p50_ms"], 1e-9), 3)
    result["draft_floor_ratio"] = round(draft["draft_p50_ms"] / max(draft["generation_floor_ms"], 1e-9), 3)
    result["targets"] = {
        "index_at_least_baseline": result["index_speedup"] >= 1.0,
        "search_p50_not_slower_than_baseline": result["search_speedup"] >= 1.0,
        "search_p50_under_30ms": result["search_p50_ms"] < 30.0,
        "draft_overhead_at_most_1_5x": result["draft_overhead_ratio"] <= 1.5,
        "draft_p50_at_most_2_5s": result["draft_p50_ms"] <= LIMITS["draft_p50_ms"],
        "draft_cold_at_most_2s": result["draft_cold_ms"] is None or result["draft_cold_ms"] <= LIMITS["draft_cold_ms"],
        "check_cold_at_most_1s": result["check_cold_ms"] is None or result["check_cold_ms"] <= LIMITS["check_cold_ms"],
        "peak_rss_under_2gb": result["peak_rss_mb"] < 2048,
    }
    return result


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0], prog="benchmarks/run.py")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_const", dest="mode", const="quick", help="500 and 2,000 contacts")
    mode.add_argument("--tiny", action="store_const", dest="mode", const="tiny",
                      help="a few seconds: fake embeddings and a scripted model (tests the outputs, not speed)")
    p.add_argument("--out", type=Path, default=Path("bench-out"), help="folder for bench.json, bench.md, scaling.png")
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], help="override, e.g. 500,2000")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--drafts", type=int, help="timed drafts (default 5, 2 with --tiny)")
    p.add_argument("--candidates", type=int, help="candidates per draft (default: the settings, 4)")
    p.add_argument("--queries", type=int, default=24, help="contact queries (12 guidance queries are fixed)")
    p.add_argument("--rounds", type=int, help="timed rounds over the queries (default 3, 1 with --tiny)")
    p.add_argument("--no-profile", dest="profile", action="store_false", help="skip the pyinstrument draft profile")
    p.add_argument("--rss-probe", metavar="HOME", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.mode = args.mode or "full"
    tiny = args.mode == "tiny"
    args.sizes = args.sizes or list(SIZES[args.mode])
    args.drafts = args.drafts or (2 if tiny else 5)
    args.rounds = args.rounds or (1 if tiny else 3)
    args.queries = min(args.queries, 6) if tiny else args.queries
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse(argv)
    if args.rss_probe:
        probe = rss_probe(args.rss_probe, args.mode == "tiny", args.candidates or 4)
        print(json.dumps(probe))
        return probe
    from benchmarks.measure import load_average, machine, peak_rss_mb
    from benchmarks.plot import scaling_plot
    from benchmarks.report import markdown

    started = time.perf_counter()
    info = machine()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        bench = Bench(args, Path(tmp))
        if args.candidates is None:
            args.candidates = bench.settings(Path(tmp) / "probe").candidates
        points, world = [], {}
        for n in sorted(args.sizes):
            point, world = run_size(bench, n)
            points.append(point)
        draft = run_drafts(bench, world, args.out)
        cold = draft_cold(bench, world)
        rss = measure_rss(bench, world["settings"].home)
    info["load_average_end"] = load_average()
    result = {"mode": args.mode, **headline(points, draft, rss, cold), "bench_process_peak_rss_mb": peak_rss_mb(),
              "memory_probe": rss, "draft": draft, "draft_cold": cold, "scaling": points, "machine": info,
              "seconds": round(time.perf_counter() - started, 1)}
    (args.out / "bench.json").write_text(json.dumps(result, indent=2) + "\n")
    scaling_plot(points, args.out / "scaling.png")
    (args.out / "bench.md").write_text(markdown(result))
    print((args.out / "bench.md").read_text())
    return result


if __name__ == "__main__":
    main()
