"""CPU time per uncached request, in process: the test client renders each page type with the page cache off
(memoized values on, as in production), `--warm` requests to warm up, then `--repeats` timed ones. CPU time
(`time.process_time`) instead of wall time, because the machine is shared; the median of the requests is
reported with the SQL queries of one request.

    .venv/bin/python bench/cpu.py                                  # every page type, --scale 0.01
    .venv/bin/python bench/cpu.py --pages Projekt,"Aktuelles (Liste)"
    .venv/bin/python bench/cpu.py --pages Projekt --profile 20     # cProfile of 40 requests, top 20 by own time

Uses bench/run.py's site in bench/var/ (built on the first run).
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.run import VAR, build, setup_django, urls  # noqa: E402


def cpu_ms(client, path, repeats):
    times = []
    for _ in range(repeats):
        started = time.process_time()
        client.get(path)
        times.append((time.process_time() - started) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--pages", help="Only these page types, comma-separated.")
    parser.add_argument("--profile", type=int, default=0, help="Print a cProfile of the timed requests (top N).")
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    setup_django()
    if not (VAR / f"built-{args.scale}").exists():
        build(args.scale)
        (VAR / f"built-{args.scale}").touch()
    paths = urls()
    if args.pages:
        paths = {name: path for name, path in paths.items() if name in args.pages.split(",")}

    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    print("| Seite | SQL | ms CPU (Median) | ms CPU (Min) |\n|---|---:|---:|---:|")
    for name, path in paths.items():
        for _ in range(args.warm):
            assert client.get(path).status_code == 200, path
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *rest, log=queries: log.append(sql) or execute(sql, *rest)
        ):
            client.get(path)
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
        times = cpu_ms(client, path, args.repeats)
        if args.profile:
            profile.disable()
        median = f"{statistics.median(times):.1f}".replace(".", ",")
        print(f"| {name} | {len(queries)} | {median} | {min(times):.1f} |".replace(".", ","))
        if args.profile:
            pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
            pstats.Stats(profile).sort_stats("cumtime").print_stats(args.profile * 2)


if __name__ == "__main__":
    main()
