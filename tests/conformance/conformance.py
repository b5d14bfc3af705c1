#!/usr/bin/python3
"""Run the conformance suite: every scenario through SQLAlchemy and through SessionScope.

    conformance.py --cli PATH/sessionscope-cli [--database URL] [--scenarios DIR]
                   [--unobserved] [NAME ...]

For each scenario (default: every *.json in tests/conformance/scenarios, or the
NAMEs given, with or without .json) runs

    sqlalchemy_runner.py SCENARIO [--database URL --drop-existing]
    sessionscope-cli run SCENARIO --states [--database URL --drop-existing]

compares the two outputs with compare.py and prints `ok NAME`, `DIFF NAME` with
the differences, or `FAIL NAME` when a run crashed or printed something that is
not a JSON array.  With --database both runs use that database, one after the
other.  With --unobserved SessionScope runs with nothing listening to its session
(`run --unobserved`), and the statements are left out of the comparison.  Exit
status 0 when every scenario matches, 1 otherwise, 2 on bad usage.
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys

from compare import compare_states

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "sqlalchemy_runner.py")
DEFAULT_SCENARIOS = os.path.join(HERE, "scenarios")
TIMEOUT = 120     # seconds per run
# The oracle needs SQLAlchemy; on Debian 12 it is installed for /usr/bin/python3 only.
DEFAULT_PYTHON = (sys.executable if importlib.util.find_spec("sqlalchemy")
                  else "/usr/bin/python3")


# Scenarios whose SQLAlchemy (1.4, the oracle) and SessionScope outcomes differ on PostgreSQL by
# design, with why. They still run on SQLite.
SQLITE_ONLY = {
    "failed-flush-keeps-generated-keys":
        "on PostgreSQL new rows of a table share one INSERT ... RETURNING, which the database "
        "writes whole or not at all, so no row of a failing batch keeps a key (as with "
        "SQLAlchemy 2.0's insertmanyvalues); SQLAlchemy 1.4 sends one INSERT per row there",
}


class UsageError(Exception):
    """Bad command line (exit status 2)."""


class RunFailed(Exception):
    """A run that produced no usable output; the message says why."""


def find_scenarios(directory, names):
    """[(name, path)] of the scenarios to run, sorted by name."""
    if not os.path.isdir(directory):
        raise UsageError(f"no scenario directory {directory}")
    available = {f[:-5]: os.path.join(directory, f)
                 for f in os.listdir(directory) if f.endswith(".json")}
    if not names:
        return sorted(available.items())
    chosen = []
    for name in names:
        name = os.path.basename(name)
        name = name[:-5] if name.endswith(".json") else name
        if name not in available:
            raise UsageError(f"no scenario {name!r} in {directory}")
        chosen.append((name, available[name]))
    return chosen


def database_args(url):
    return ["--database", url, "--drop-existing"] if url else []


def run_states(command, env=None):
    """Run a command that prints a JSON array of states; return the array."""
    try:
        proc = subprocess.run(command, capture_output=True, text=True,
                              timeout=TIMEOUT, env=env)
    except FileNotFoundError:
        raise RunFailed(f"cannot run {command[0]}: no such file")
    except PermissionError:
        raise RunFailed(f"cannot run {command[0]}: permission denied")
    except subprocess.TimeoutExpired:
        raise RunFailed(f"timed out after {TIMEOUT}s")
    if proc.returncode != 0:
        raise RunFailed(f"exit status {proc.returncode}\n{proc.stderr.strip()}")
    try:
        states = json.loads(proc.stdout)
    except ValueError as exc:
        raise RunFailed(f"output is not JSON ({exc})\n{proc.stderr.strip()}")
    if not isinstance(states, list):
        raise RunFailed("output is not a JSON array of states")
    return states


def oracle_command(python, path, database):
    return [python, RUNNER, path] + database_args(database)


def indent(text, prefix="    "):
    return "\n".join(prefix + line for line in text.splitlines())


def print_failure(name, who, exc):
    """`FAIL name: who: first line`, then the rest (usually stderr) indented."""
    first, _, rest = str(exc).partition("\n")
    print(f"FAIL {name}: {who}: {first}")
    if rest.strip():
        print(indent(rest))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True, help="path to sessionscope-cli")
    parser.add_argument("--database", help="SQLite file or postgresql:// URL used by "
                        "both runs (default: each run uses in-memory SQLite)")
    parser.add_argument("--scenarios", default=DEFAULT_SCENARIOS,
                        help="scenario directory (default: %(default)s)")
    parser.add_argument("--python", default=DEFAULT_PYTHON,
                        help="interpreter with SQLAlchemy for the oracle (default: %(default)s)")
    parser.add_argument("--unobserved", action="store_true",
                        help="run sessionscope with nothing listening to its session (its "
                        "quiet paths); SQL is then left out of the comparison")
    parser.add_argument("names", nargs="*", help="scenario names (default: all)")
    args = parser.parse_args(argv)

    try:
        scenarios = find_scenarios(args.scenarios, args.names)
    except UsageError as exc:
        print(f"conformance.py: {exc}", file=sys.stderr)
        return 2
    match = differ = failed = skipped = 0
    postgresql = (args.database or "").startswith("postgresql")
    for name, path in scenarios:
        if postgresql and name in SQLITE_ONLY:
            skipped += 1
            print(f"skip {name} on PostgreSQL: {SQLITE_ONLY[name]}")
            continue
        try:
            expected = run_states(oracle_command(args.python, path, args.database))
        except RunFailed as exc:
            failed += 1
            print_failure(name, "oracle", exc)
            continue
        try:
            actual = run_states([args.cli, "run", path, "--states"]
                                + (["--unobserved"] if args.unobserved else [])
                                + database_args(args.database))
        except RunFailed as exc:
            failed += 1
            print_failure(name, "sessionscope-cli", exc)
            continue
        if args.unobserved:
            for state in expected + actual:
                if isinstance(state, dict):
                    state.pop("sql", None)
        differences = compare_states(expected, actual)
        if differences:
            differ += 1
            print(f"DIFF {name}")
            print(indent("\n".join(differences)))
        else:
            match += 1
            print(f"ok {name}")
        sys.stdout.flush()

    summary = f"conformance: {len(scenarios)} scenarios, {match} match, {differ} differ"
    if failed:
        summary += f", {failed} failed"
    if skipped:
        summary += f", {skipped} skipped"
    print(summary)
    return 0 if match + skipped == len(scenarios) else 1


if __name__ == "__main__":
    sys.exit(main())
