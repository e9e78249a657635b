"""Run the benchmarks and write their tables into docs/benchmarks.md.

    python -m benchmarks                 # everything (about an hour on 2 cores)
    python -m benchmarks live memory     # some of them
    python -m benchmarks live --runs 1 --clips en_jfk pt_picovoice_leopard_test_pt
    python -m benchmarks stepped --runs 1   # live captions per clip, the same on every run
    python -m benchmarks languages --runs 1  # the language left to detect, and changing
    python -m benchmarks quiet --runs 1      # speech played softly, with and without the gain

Each benchmark prints its Markdown section and replaces that section in docs/benchmarks.md.
Run them on an otherwise idle machine: they measure time and CPU.
"""

from __future__ import annotations

import argparse
import logging

from benchmarks import (
    common,
    concurrency,
    final_pass,
    languages,
    live,
    memory,
    peer,
    quiet,
    speakers,
    startup,
    stepped,
    vocabulary,
)

BENCHMARKS = (
    "live",
    "peer",
    "stepped",
    "quiet",
    "languages",
    "concurrency",
    "memory",
    "final",
    "startup",
    "vocabulary",
    "speakers",
)


def _run(name: str, args: argparse.Namespace) -> str:
    if name == "live":
        variants = [
            live.Variant("app", {}),
        ]
        variants += [
            live.Variant(f"context {c:g} s", {"live_context": c}) for c in args.live_context or ()
        ]
        return live.run(args.clips, args.runs, variants)
    if name == "peer":  # the same clips and definitions as live, right after it
        return peer.run(args.clips, args.runs)
    if name == "stepped":
        return stepped.run(args.clips, args.runs)
    if name == "languages":
        return languages.run(args.clips, args.runs)
    if name == "quiet":
        return quiet.run(args.clips, args.runs)
    module = {
        "concurrency": concurrency,
        "memory": memory,
        "final": final_pass,
        "vocabulary": vocabulary,
        "speakers": speakers,
    }.get(name, startup)
    return module.run(args.runs)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "names", nargs="*", metavar="BENCHMARK", help=f"{', '.join(BENCHMARKS)} (default: all)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument("--clips", nargs="+", default=(), help="clips of ../shared/speech")
    parser.add_argument(
        "--live-context",
        type=float,
        nargs="+",
        default=None,
        help="also measure the live captions with these encoder contexts, in seconds (30: "
        "Whisper's own)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    names = args.names or BENCHMARKS
    if unknown := sorted(set(names) - set(BENCHMARKS)):
        parser.error(f"no benchmark named {', '.join(unknown)}")
    if not common.SPEECH.is_dir():
        parser.error(f"the benchmarks need the speech clips in {common.SPEECH}")
    for name in names:
        common.publish(name, _run(name, args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
