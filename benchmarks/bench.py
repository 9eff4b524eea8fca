"""Measure summitry's start-up against the floors its own libraries set, and how its cost
grows with the size of a data file against a plain-Python baseline on the same file.

Plain Python, no test dependencies. Run from a checkout with summitry installed:

    python benchmarks/bench.py            # full run: 51 start-up runs, 10^3 to 10^6 events
    python benchmarks/bench.py --quick    # a smoke run for CI: fewer runs, 10^3 and 10^4 events
    python benchmarks/bench.py --parts ics --ics-sizes 10000,100000   # one part, other sizes

summitry is run as a user runs it, by the console script that pip installs. The baseline
is exactly `json.load(f)` and a list comprehension with the same actor filter, printing the
count. The data files are shaped like a user's own: dates spread over 36 years in random
order, a mix of days, months, years, intervals and approximate dates as in the bundled
data, one to four actors per event out of 300, unique ids, titles and summaries of the
bundled data's length; the same seed every run. Each run checks that summitry finds the
same events as the baseline.

A third part puts the iCalendar output beside the CSV output of the same events (10^5 in a
full run, 10^3 in a quick one): the bundled events repeated with unique ids, each format's
best time and memory, and their ratio (target: ics within 2x of csv).

It reports; it never fails on a figure. Start-up runs are interleaved, and both the best
and the median are printed; ratios, there and for the scale, are of the best runs (on a
shared machine noise only adds time).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from operator import truediv
from pathlib import Path

from summitry.data.schema import KINDS

PYTHON = sys.executable
ROOT = Path(__file__).resolve().parents[1]
# summitry as a user runs it: the console script pip installs beside this Python (or, where
# there is none, python -m summitry, which also imports runpy).
_SCRIPT = Path(PYTHON).with_name("summitry")
SUMMITRY = [str(_SCRIPT)] if _SCRIPT.is_file() else [PYTHON, "-m", "summitry"]

STARTUP = {
    "summitry list --actor Xi (table)": [*SUMMITRY, "list", "--actor", "Xi"],
    "summitry list --actor Xi --format json": [
        *SUMMITRY,
        "list",
        "--actor",
        "Xi",
        "--format",
        "json",
    ],
    "floor: click + msgspec + rich Console, Table": [
        PYTHON,
        "-c",
        "import click, msgspec.json; from rich.console import Console; "
        "from rich.table import Table",
    ],
    "floor: click + msgspec.json": [PYTHON, "-c", "import click, msgspec.json"],
    "python -c pass": [PYTHON, "-c", "pass"],
}

BASELINE = """
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
xi = {k for k, a in data["actors"].items() if "Xi" in a["name"].split() or "Xi" in a["aliases"]}
matched = [e for e in data["events"] if not xi.isdisjoint(e["actors"])]
print(len(matched))
"""


def run(command: list[str], keep: list[bytes] | None = None, expect: int = 0) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in KiB of one run, which must end with
    this exit status; the output is read as it comes and kept in keep, if given."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    for chunk in iter(lambda: process.stdout.read(1 << 16), b""):  # type: ignore[union-attr]
        if keep is not None:
            keep.append(chunk)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != expect:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss


def startup(runs: int) -> None:
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "src")], check=False)
    env_note = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    times: dict[str, list[float]] = {name: [] for name in STARTUP}
    for command in STARTUP.values():  # warm-up
        run(command)
    for _ in range(runs):
        for name, command in STARTUP.items():
            times[name].append(run(command)[0])
    if env_note is None:
        del os.environ["COLUMNS"]
    # Ratios are of the best runs: on a shared machine noise only adds time, and medians
    # here have put summitry below its own floor (which it imports), as only noise can.
    best = {name: min(values) for name, values in times.items()}
    median = {name: statistics.median(values) for name, values in times.items()}
    table_floor = best["floor: click + msgspec + rich Console, Table"]
    json_floor = best["floor: click + msgspec.json"]
    bare = best["python -c pass"]
    print(f"\nStart-up: best and median of {runs} interleaved runs each (stdout to a pipe)")
    print(f"summitry is run as: {' '.join(SUMMITRY)}\n")
    wide = max(map(len, STARTUP))
    print(f"{'command':<{wide}} {'best ms':>8} {'median ms':>9} {'x floor':>8} {'x pass':>7}")
    for name, value in best.items():
        floor = table_floor if "table" in name or "rich" in name else json_floor
        floor_ratio = f"{value / floor:8.2f}" if name.startswith("summitry") else f"{'':>8}"
        print(
            f"{name:<{wide}} {value * 1000:8.1f} {median[name] * 1000:9.1f} {floor_ratio}"
            f" {value / bare:7.2f}"
        )
    # Each round runs every command once, back to back, so a round's own ratio shares its noise.
    pairs = {
        kind: (best[ours] / best[floor], statistics.median(map(truediv, times[ours], times[floor])))
        for kind, ours, floor in (
            (
                "table",
                "summitry list --actor Xi (table)",
                "floor: click + msgspec + rich Console, Table",
            ),
            ("json ", "summitry list --actor Xi --format json", "floor: click + msgspec.json"),
        )
    }
    print()
    for kind, (of_best, of_rounds) in pairs.items():
        print(
            f"  {kind} vs its floor: {of_best:.2f} (best runs; target <= 1.15);"
            f" each round's own ratio, median: {of_rounds:.2f}"
        )


WORDS = [
    "talks",
    "summit",
    "leaders",
    "agree",
    "nuclear",
    "envoy",
    "visit",
    "capital",
    "sanctions",
    "border",
    "meeting",
    "statement",
    "missile",
    "launch",
    "delegation",
    "minister",
    "foreign",
    "dinner",
    "peace",
    "treaty",
    "declaration",
    "agenda",
    "joint",
    "press",
    "briefing",
    "announcement",
    "moratorium",
    "inspection",
    "release",
    "detainees",
    "trade",
    "railway",
    "reunion",
    "families",
    "military",
    "drills",
    "hotline",
    "liaison",
    "office",
    "denuclearization",
    "guarantees",
]


def synthetic(count: int, path: Path, seed: int = 20180612, broken: str = "") -> None:
    """A data file of `count` events shaped like a user's own (see the module's docstring).

    broken="status": every event lacks its status; broken="last": the last event's kind
    is unknown."""
    rng = random.Random(seed)
    first, last = date(1990, 1, 1).toordinal(), date(2025, 12, 31).toordinal()
    sources: dict[str, dict[str, str]] = {
        f"paper-{i:02d}": {
            "publisher": f"Paper {i}",
            "title": _words(rng, 6, 12)[:120],
            "published": date(2026, 1 + i % 12, 1 + i).isoformat(),
        }
        for i in range(20)
    }
    # An announcement of 1989 makes every event it alone reports a planned one.
    sources["gazette-1989"] = {
        "publisher": "Gazette",
        "title": "What is to come",
        "published": "1989-12-31",
    }
    actors: dict[str, dict[str, object]] = {
        "xi-jinping": {
            "name": "Xi Jinping",
            "aliases": ["Xi"],
            "role": "President of China",
            "country": "China",
            "type": "person",
        },
    }
    for i in range(299):
        family = rng.choice(["Kim", "Lee", "Park", "Smith", "Ivanov", "Wang", "Abe"])
        name = f"{family} {_words(rng, 1, 2).title()} {i}"
        actors[f"actor-{i:03d}"] = {
            "name": name,
            "aliases": [name.split()[0]],
            "role": "An official of the state",
            "country": "Somewhere",
            "type": rng.choice(["person", "person", "state", "organization"]),
        }
    actor_ids = list(actors)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"sources": ' + json.dumps(sources) + ', "actors": ')
        out.write(json.dumps(actors) + ', "events": [\n')
        for i in range(count):
            day = date.fromordinal(rng.randint(first, last))
            shape = rng.random()
            if shape < 0.72:
                text = day.isoformat()
            elif shape < 0.87:
                text = day.isoformat()[:7]
            elif shape < 0.95:
                text = f"{day.isoformat()}/{(day + timedelta(days=rng.randint(1, 3))).isoformat()}"
            elif shape < 0.98:
                later = date.fromordinal(day.toordinal() + 40)
                text = f"{day.isoformat()[:7]}/{later.isoformat()[:7]}"
            else:
                text = str(day.year)
            planned = rng.random() < 0.02
            event: dict[str, object] = {
                "id": f"{text.partition('/')[0]}-e{i}",  # a date part, then words
                "date": text,
                "title": _words(rng, 4, 9).capitalize()[:80].rstrip(),
                "summary": _words(rng, 12, 30).capitalize() + ".",
                "kind": rng.choice(list(KINDS)),
                "actors": rng.sample(actor_ids, rng.randint(1, 4)),
                "sources": ["gazette-1989"]
                if planned
                else rng.sample(list(sources)[:20], rng.randint(1, 2)),
                "status": "planned" if planned else "held",
            }
            if broken == "status":
                del event["status"]
            if broken == "last" and i == count - 1:
                event["kind"] = "party"
            if rng.random() < 0.6:
                event["place"] = _words(rng, 1, 2).title()
                event["country"] = _words(rng, 1, 1).title()
            if rng.random() < 0.2:
                event["approximate"] = True
                event["note"] = (
                    "Worked out from the article's own date: " + _words(rng, 6, 14) + "."
                )
            out.write(("" if i == 0 else ",\n") + json.dumps(event))
        out.write("\n]}\n")


def _words(rng: random.Random, least: int, most: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(least, most)))


def scale(sizes: list[int], runs: int) -> None:
    print(f"\nScale: summitry --data FILE list --actor Xi --format json; best of {runs} runs\n")
    print(
        f"{'events':>9} {'MB':>6} {'summitry s':>10} {'baseline s':>10} {'x time':>7}"
        f" {'summitry MiB':>12} {'baseline MiB':>12} {'x mem':>6} {'growth':>7} {'base growth':>11}"
    )
    previous: tuple[float, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"events-{size}.json"
            synthetic(size, path)
            ours = [
                *SUMMITRY,
                "--data",
                str(path),
                "list",
                "--actor",
                "Xi",
                "--format",
                "json",
            ]
            base = [PYTHON, "-c", BASELINE, str(path)]
            our_runs, base_runs = [], []
            for _ in range(runs):
                our_output: list[bytes] = []
                base_output: list[bytes] = []
                our_runs.append(run(ours, our_output))
                base_runs.append(run(base, base_output))
            found = len(json.loads(b"".join(our_output)))
            expected = int(b"".join(base_output))
            if found != expected:
                raise SystemExit(f"summitry found {found} events, the baseline {expected}")
            our_time, base_time = min(t for t, _ in our_runs), min(t for t, _ in base_runs)
            our_mem, base_mem = min(m for _, m in our_runs), min(m for _, m in base_runs)
            growth = base_growth = ""
            if previous:
                growth = f"{our_time / previous[0]:7.2f}"
                base_growth = f"{base_time / previous[1]:11.2f}"
            print(
                f"{size:>9} {path.stat().st_size / 1e6:6.1f} {our_time:10.3f} {base_time:10.3f}"
                f" {our_time / base_time:7.2f} {our_mem / 1024:12.1f} {base_mem / 1024:12.1f}"
                f" {our_mem / base_mem:6.2f} {growth:>7} {base_growth:>11}"
            )
            previous = (our_time, base_time)
            path.unlink()
    print("\n  each size: summitry found the same events as the baseline")
    if 1_000_000 in sizes:
        print("  targets at 10^6: x time <= 0.5, x mem <= 0.9, growth 10^5->10^6 <= the baseline's")


def invalid(sizes: list[int], runs: int) -> None:
    """How long an invalid file takes to be reported, against the valid file of its size."""
    cases = [(size, "status") for size in sizes if size >= 1_000_000]
    cases += [(size, "last") for size in sizes if 100_000 <= size < 1_000_000]
    if not cases:
        return
    print(f"\nInvalid files: summitry --data FILE list --actor Xi --format json; best of {runs}\n")
    print(
        f"{'events':>9} {'case':<24} {'valid s':>8} {'invalid s':>9} {'x time':>7}"
        f" {'valid MiB':>9} {'invalid MiB':>11} {'x mem':>6}"
    )
    names = {"status": "every event lacks status", "last": "one bad event, the last"}
    with tempfile.TemporaryDirectory() as tmp:
        for size, broken in cases:
            measured = []
            for kind, status in (("", 0), (broken, 1)):
                path = Path(tmp) / f"events-{size}-{kind or 'valid'}.json"
                synthetic(size, path, broken=kind)
                command = [*SUMMITRY, "--data", str(path), "list", "--actor", "Xi"]
                timings = [run([*command, "--format", "json"], expect=status) for _ in range(runs)]
                measured.append((min(t for t, _ in timings), min(m for _, m in timings)))
                path.unlink()
            (valid_s, valid_m), (bad_s, bad_m) = measured
            print(
                f"{size:>9} {names[broken]:<24} {valid_s:8.3f} {bad_s:9.3f} {bad_s / valid_s:7.2f}"
                f" {valid_m / 1024:9.1f} {bad_m / 1024:11.1f} {bad_m / valid_m:6.2f}"
            )
    print("\n  targets: x time <= 1.5 (both cases), x mem <= 1.0 (every event lacks status)")


def repeated(count: int, path: Path) -> None:
    """A data file of `count` events: the bundled ones repeated, each copy with unique ids."""
    data = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))
    bundled = data["events"]
    data["events"] = [
        {**event, "id": f"{event['id']}-{copy}"}
        for copy in range(-(-count // len(bundled)))
        for event in bundled
    ][:count]
    path.write_text(json.dumps(data), encoding="utf-8")


def ics_vs_csv(sizes: list[int], runs: int) -> None:
    print(f"\nFormats: summitry --data FILE list --format csv | ics; best of {runs} runs\n")
    print(
        f"{'events':>9} {'csv s':>8} {'ics s':>8} {'x time':>7}"
        f" {'csv MiB':>8} {'ics MiB':>8} {'x mem':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"repeated-{size}.json"
            repeated(size, path)
            best: dict[str, tuple[float, int]] = {}
            for _ in range(runs):  # interleaved, so that noise falls on both alike
                for fmt in ("csv", "ics"):
                    command = [*SUMMITRY, "--data", str(path), "list", "--format", fmt]
                    time_, mem = run(command)
                    old = best.get(fmt, (time_, mem))
                    best[fmt] = (min(old[0], time_), min(old[1], mem))
            (csv_t, csv_m), (ics_t, ics_m) = best["csv"], best["ics"]
            print(
                f"{size:>9} {csv_t:8.3f} {ics_t:8.3f} {ics_t / csv_t:7.2f}"
                f" {csv_m / 1024:8.1f} {ics_m / 1024:8.1f} {ics_m / csv_m:6.2f}"
            )
            path.unlink()
    print("\n  target: ics within 2x of csv in time and memory, growing linearly")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: fewer runs, small files")
    parser.add_argument("--runs", type=int, help="start-up runs per command (default 51, quick 5)")
    parser.add_argument("--sizes", help="comma-separated event counts for the scale part")
    parser.add_argument("--ics-sizes", help="comma-separated event counts for the ics part")
    parser.add_argument(
        "--parts",
        default="startup,scale,invalid,ics",
        help="which parts to run, comma-separated (default: startup,scale,invalid,ics)",
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    runs = args.runs or (5 if args.quick else 51)
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else ([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000, 1_000_000])
    )
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores")
    ics_sizes = (
        [int(s) for s in args.ics_sizes.split(",")]
        if args.ics_sizes
        else ([1_000] if args.quick else [100_000])
    )
    if "startup" in parts:
        startup(runs)
    if "scale" in parts:
        scale(sizes, 1 if args.quick else 3)
    if "invalid" in parts:
        invalid(sizes, 1 if args.quick else 3)
    if "ics" in parts:
        ics_vs_csv(ics_sizes, 1 if args.quick else 3)


if __name__ == "__main__":
    main()
