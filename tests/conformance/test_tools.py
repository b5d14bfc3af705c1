#!/usr/bin/python3
"""Unit tests of the suite's own tools: compare.py and the SQL helpers.

    python3 -m unittest tests/conformance/test_tools.py      (or run this file)

Needs no SQLAlchemy.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from compare import compare_states, write_order            # noqa: E402
from oracle_sql import describe, qmark_to_named             # noqa: E402


def state(step=1, op="flush", **fields):
    base = {"step": step, "op": op, "error": None, "error_message": None,
            "transaction": {"active": True, "nested_depth": 0},
            "identity_map": [], "new": [], "dirty": [], "deleted": [],
            "objects": {}, "sql": []}
    base.update(fields)
    return base


def sql(*pairs):
    return [{"verb": v, "table": t, "rows": 1} for v, t in pairs]


class CompareTest(unittest.TestCase):
    def test_equal(self):
        self.assertEqual(compare_states([state()], [state()]), [])

    def test_numbers_compare_numerically_but_not_booleans(self):
        a = state(objects={"u1": {"key": [1], "v": 2.5}})
        self.assertEqual(compare_states([a], [state(objects={"u1": {"key": [1.0], "v": 2.5}})]), [])
        diffs = compare_states([a], [state(objects={"u1": {"key": [True], "v": 2.5}})])
        self.assertEqual(diffs, ["step 1 (flush): objects.u1.key: expected [1], got [true]"])

    def test_error_message_is_ignored_error_is_not(self):
        self.assertEqual(compare_states([state(error_message="a")], [state(error_message="b")]), [])
        self.assertEqual(compare_states([state(error="integrity")], [state()]),
                         ['step 1 (flush): error: expected "integrity", got null'])

    def test_readable_paths(self):
        exp = state(objects={"u1": {"attrs": {"name": {"history": {"added": ["ann"]}}}}})
        act = state(objects={"u1": {"attrs": {"name": {"history": {"added": []}}}}})
        self.assertEqual(compare_states([exp], [act]),
                         ['step 1 (flush): objects.u1.attrs.name.history.added: '
                          'expected ["ann"], got []'])

    def test_missing_and_extra_fields(self):
        diffs = compare_states([state(objects={"u1": {}})], [state(objects={"u2": {}})])
        self.assertEqual(diffs, ["step 1 (flush): objects.u1: expected {}, got <missing>",
                                 "step 1 (flush): objects.u2: expected <missing>, got {}"])

    def test_records_compare_element_by_element(self):
        exp = state(identity_map=[{"entity": "User", "key": [1], "obj": "u1"}])
        act = state(identity_map=[{"entity": "User", "key": [2], "obj": "u1"}])
        self.assertEqual(compare_states([exp], [act]),
                         ["step 1 (flush): identity_map[0].key: expected [1], got [2]"])

    def test_state_count(self):
        diffs = compare_states([state(0, None), state()], [state(0, None)])
        self.assertEqual(diffs, ["states: expected 2, got 1 (the runs stopped after "
                                 "different steps)"])

    def test_sql_ignores_selects_savepoints_rows_and_batching(self):
        exp = state(sql=sql(("SELECT", "users"), ("INSERT", "users"), ("INSERT", "users"),
                            ("INSERT", "addresses"), ("DELETE", "users")))
        act = state(sql=[{"verb": "SAVEPOINT", "table": None, "rows": 1},
                         {"verb": "INSERT", "table": "users", "rows": 2},
                         {"verb": "INSERT", "table": "addresses", "rows": 1},
                         {"verb": "DELETE", "table": "users", "rows": 1},
                         {"verb": "RELEASE", "table": None, "rows": 1}])
        self.assertEqual(compare_states([exp], [act]), [])

    def test_sql_order_per_table(self):
        exp = state(sql=sql(("UPDATE", "users"), ("INSERT", "users")))
        act = state(sql=sql(("INSERT", "users"), ("UPDATE", "users")))
        self.assertEqual(compare_states([exp], [act]),
                         ["step 1 (flush): sql.users: expected UPDATE, INSERT; "
                          "got INSERT, UPDATE"])
        self.assertEqual(compare_states([state(sql=sql(("UPDATE", "users")))], [state()]),
                         ["step 1 (flush): sql.users: expected UPDATE; got nothing"])

    def test_write_order(self):
        self.assertEqual(write_order(sql(("INSERT", "a"), ("INSERT", "b"), ("INSERT", "a"),
                                         ("DELETE", "a"), ("SELECT", "a"))),
                         {"a": ["INSERT", "DELETE"], "b": ["INSERT"]})


class SqlHelpersTest(unittest.TestCase):
    def test_describe(self):
        cases = {
            'INSERT INTO users (name) VALUES (?)': ("INSERT", "users"),
            'INSERT INTO "user" (name) VALUES (%(name)s) RETURNING "user".id': ("INSERT", "user"),
            'UPDATE users SET name=? WHERE users.id = ?': ("UPDATE", "users"),
            'DELETE FROM "Odd ""Name""" WHERE id = 1': ("DELETE", 'Odd "Name"'),
            'SELECT users.id AS users_id FROM users WHERE users.id = ?': ("SELECT", "users"),
            'select count(*) from main.users': ("SELECT", "users"),
            "SELECT 'from x' AS a FROM t": ("SELECT", "t"),
            '  -- comment\n  update t set a = 1': ("UPDATE", "t"),
            'SAVEPOINT sa_savepoint_1': ("SAVEPOINT", None),
            'ROLLBACK TO SAVEPOINT sa_savepoint_1': ("ROLLBACK", None),
            'SELECT 1': ("SELECT", None),
        }
        for statement, (verb, table) in cases.items():
            with self.subTest(statement=statement):
                self.assertEqual(describe(statement), {"verb": verb, "table": table})

    def test_qmark_to_named(self):
        self.assertEqual(qmark_to_named("UPDATE t SET a = ? WHERE b = ?"),
                         ("UPDATE t SET a = :p1 WHERE b = :p2", 2))
        self.assertEqual(qmark_to_named("SELECT '?', x::int FROM t WHERE c = ?"),
                         ("SELECT '?', x\\:\\:int FROM t WHERE c = :p1", 1))


if __name__ == "__main__":
    unittest.main()
