#!/usr/bin/python3
"""Check the oracle itself: is each scenario's output repeatable, and backend-independent?

    oracle_selfcheck.py [--repeat N] [--database URL] [--scenarios DIR] [NAME ...]

Runs every scenario through sqlalchemy_runner.py on in-memory SQLite N times
(default 5) with different PYTHONHASHSEED values, which changes the iteration
order of SQLAlchemy's internal sets, and reports any difference between runs
(as compare.py sees it): a scenario that differs from run to run cannot be
matched by SessionScope and must be rewritten.  With --database it also runs
each scenario there (e.g. PostgreSQL) and reports differences from SQLite;
some are legitimate (generated keys after a rollback: sequences do not roll back).

Exit status 0 when nothing differs, 1 otherwise.
"""

import argparse
import os
import sys

from compare import compare_states
from conformance import (DEFAULT_PYTHON, DEFAULT_SCENARIOS, RunFailed, UsageError,
                         find_scenarios, indent, oracle_command, run_states)


def run_oracle(python, path, database=None, seed=None):
    env = dict(os.environ)
    if seed is not None:
        env["PYTHONHASHSEED"] = str(seed)
    return run_states(oracle_command(python, path, database), env=env)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per scenario")
    parser.add_argument("--database", help="also compare against this database")
    parser.add_argument("--scenarios", default=DEFAULT_SCENARIOS)
    parser.add_argument("--python", default=DEFAULT_PYTHON)
    parser.add_argument("names", nargs="*")
    args = parser.parse_args(argv)

    try:
        scenarios = find_scenarios(args.scenarios, args.names)
    except UsageError as exc:
        print(f"oracle_selfcheck.py: {exc}", file=sys.stderr)
        return 2
    problems = 0
    for name, path in scenarios:
        report = []
        try:
            first = run_oracle(args.python, path, seed=0)
            for seed in range(1, args.repeat):
                diffs = compare_states(first, run_oracle(args.python, path, seed=seed))
                if diffs:
                    report.append(f"not repeatable (PYTHONHASHSEED=0 vs {seed}):")
                    report.extend("  " + d for d in diffs)
                    break
            if args.database:
                diffs = compare_states(first, run_oracle(args.python, path, args.database))
                if diffs:
                    report.append(f"SQLite vs {args.database}:")
                    report.extend("  " + d for d in diffs)
        except RunFailed as exc:
            report.append(f"run failed: {exc}")
        if report:
            problems += 1
            print(f"DIFF {name}")
            print(indent("\n".join(report)))
        else:
            print(f"ok {name}")
        sys.stdout.flush()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
