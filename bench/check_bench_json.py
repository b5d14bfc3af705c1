#!/usr/bin/env python3
"""Runs sessionscope-bench and checks what it prints, never how fast anything was.

    check_bench_json.py SESSIONSCOPE_BENCH [ARGUMENTS...]

Runs it with ARGUMENTS and --json and checks the shape of the JSON: {"results": [...]} with
every benchmark, the known contenders, integer rows and non-negative seconds. Then runs the
insert benchmark alone as a table and checks that the table and its targets are printed.
"""

import json
import subprocess
import sys

BENCHMARKS = {"insert", "update", "load", "dirty", "recorder"}
CONTENDERS = {"sessionscope", "sqlite3_c", "qsqlquery", "sqlalchemy"}
BASELINES = {"insert", "update", "load"}


def fail(message):
    print(f"check_bench_json: {message}", file=sys.stderr)
    sys.exit(1)


def run(arguments):
    done = subprocess.run(arguments, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        fail(f"{' '.join(arguments)} exited with {done.returncode}:\n{done.stderr}")
    return done


def main():
    if len(sys.argv) < 2:
        fail(__doc__)
    bench, arguments = sys.argv[1], sys.argv[2:]
    done = run([bench, *arguments, "--json"])
    try:
        document = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        fail(f"the output is not JSON: {error}\n{done.stdout}")
    if not isinstance(document, dict) or set(document) != {"results"}:
        fail(f"expected an object with only \"results\", got {type(document).__name__} "
             f"{sorted(document) if isinstance(document, dict) else ''}")
    results = document["results"]
    if not isinstance(results, list) or not results:
        fail("\"results\" must be a non-empty array")
    seen = set()
    for entry in results:
        if not isinstance(entry, dict) or set(entry) != {"benchmark", "contender", "rows",
                                                          "seconds"}:
            fail(f"a result must have exactly benchmark, contender, rows, seconds: {entry}")
        if entry["benchmark"] not in BENCHMARKS:
            fail(f"unknown benchmark: {entry}")
        if entry["contender"] not in CONTENDERS:
            fail(f"unknown contender: {entry}")
        if not isinstance(entry["rows"], int) or isinstance(entry["rows"], bool) \
                or entry["rows"] < 0:
            fail(f"rows must be a non-negative integer: {entry}")
        if not isinstance(entry["seconds"], (int, float)) or isinstance(entry["seconds"], bool) \
                or entry["seconds"] < 0:
            fail(f"seconds must be a non-negative number: {entry}")
        seen.add((entry["benchmark"], entry["contender"]))
    sqlalchemy_missing = "sqlalchemy is unavailable" in done.stderr
    for benchmark in BENCHMARKS:
        if (benchmark, "sessionscope") not in seen:
            fail(f"no sessionscope result for {benchmark}")
    for benchmark in BASELINES:
        expected = {"sqlite3_c", "qsqlquery"} | (set() if sqlalchemy_missing else {"sqlalchemy"})
        for contender in expected:
            if (benchmark, contender) not in seen:
                fail(f"no {contender} result for {benchmark}")

    table = run([bench, "insert", *arguments]).stdout
    for expected in ("sqlite3_c", "qsqlquery", "targets", "insert: throughput vs sqlite3_c",
                     "bytes per tracked object"):
        if expected not in table:
            fail(f"the table does not mention \"{expected}\":\n{table}")
    print(f"check_bench_json: {len(results)} results, shape ok")


if __name__ == "__main__":
    main()
