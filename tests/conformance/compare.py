#!/usr/bin/python3
"""Compare two `--states` outputs field by field.

    compare.py EXPECTED.json ACTUAL.json

Prints one line per difference, e.g.
    step 3 (flush): objects.u1.attrs.name.history.added: expected ["ann"], got []
and exits 0 when the outputs match, 1 when they differ, 2 when a file cannot be read.

Rules (docs/scenario-format.md): numbers compare numerically (1 == 1.0, but a
boolean is not a number); `error_message` and `transaction.cause.message` (sentences
for people) are ignored; for `sql` only the order
of INSERT, UPDATE and DELETE per table is compared (SELECTs, savepoint and
other statements, `rows` and how many statements a batch took are ignored).

Importable: compare_states(expected, actual) returns the list of differences.
"""

import json
import sys

IGNORED_FIELDS = {"error_message"}
IGNORED_PATHS = {"transaction.cause.message"}
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE")
_MISSING = object()


def _show(value):
    if value is _MISSING:
        return "<missing>"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 300 else text[:280] + " ...(truncated)"


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_scalar(v):
    return not isinstance(v, (dict, list))


def _equal(a, b):
    """Deep equality with numbers compared by value and booleans kept apart."""
    if _is_number(a) and _is_number(b):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    return a == b


def _diff(path, expected, actual, out):
    """Append "path: expected X, got Y" lines for every difference."""
    if path in IGNORED_PATHS:
        return
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in list(expected) + [k for k in actual if k not in expected]:
            _diff(f"{path}.{key}" if path else key,
                  expected.get(key, _MISSING), actual.get(key, _MISSING), out)
        return
    if (isinstance(expected, list) and isinstance(actual, list)
            and len(expected) == len(actual)
            and not all(_is_scalar(v) for v in expected + actual)):
        # Lists of records (identity_map): element by element.
        for i, (e, a) in enumerate(zip(expected, actual)):
            _diff(f"{path}[{i}]", e, a, out)
        return
    # Scalars and lists of scalars are reported whole.
    if expected is _MISSING or actual is _MISSING or not _equal(expected, actual):
        out.append(f"{path}: expected {_show(expected)}, got {_show(actual)}")


def write_order(statements):
    """{table: [verb, ...]} of the INSERT/UPDATE/DELETE statements, with runs of
    the same verb on a table collapsed into one (batching is not compared)."""
    order = {}
    for stmt in statements or []:
        verb = str(stmt.get("verb") or "").upper()
        if verb not in WRITE_VERBS:
            continue
        verbs = order.setdefault(stmt.get("table"), [])
        if not verbs or verbs[-1] != verb:
            verbs.append(verb)
    return order


def _diff_sql(expected, actual, out):
    exp, act = write_order(expected), write_order(actual)
    for table in list(exp) + [t for t in act if t not in exp]:
        e, a = exp.get(table, []), act.get(table, [])
        if e != a:
            out.append(f"sql.{table}: expected {', '.join(e) or 'nothing'}; "
                       f"got {', '.join(a) or 'nothing'}")


def compare_state(expected, actual):
    """Differences between two states (dicts), without the step prefix."""
    out = []
    if not isinstance(expected, dict) or not isinstance(actual, dict):
        if not _equal(expected, actual):
            out.append(f"state: expected {_show(expected)}, got {_show(actual)}")
        return out
    for key in list(expected) + [k for k in actual if k not in expected]:
        if key in IGNORED_FIELDS:
            continue
        e, a = expected.get(key, _MISSING), actual.get(key, _MISSING)
        if key == "sql" and isinstance(e, list) and isinstance(a, list):
            _diff_sql(e, a, out)
        else:
            _diff(key, e, a, out)
    return out


def _label(index, expected, actual):
    state = expected if isinstance(expected, dict) else actual
    step = state.get("step", index) if isinstance(state, dict) else index
    op = state.get("op") if isinstance(state, dict) else None
    return f"step {step} ({op})" if op else f"step {step}"


def compare_states(expected, actual):
    """All differences between two state arrays, as readable lines."""
    if not isinstance(expected, list) or not isinstance(actual, list):
        return ["expected and actual must both be JSON arrays of states"]
    out = []
    for i, (e, a) in enumerate(zip(expected, actual)):
        label = _label(i, e, a)
        out.extend(f"{label}: {line}" for line in compare_state(e, a))
    if len(expected) != len(actual):
        out.append(f"states: expected {len(expected)}, got {len(actual)} "
                   "(the runs stopped after different steps)")
    return out


def _load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0].startswith("-"):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        expected, actual = _load(argv[0]), _load(argv[1])
    except (OSError, ValueError) as exc:
        print(f"compare.py: {exc}", file=sys.stderr)
        return 2
    differences = compare_states(expected, actual)
    for line in differences:
        print(line)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
