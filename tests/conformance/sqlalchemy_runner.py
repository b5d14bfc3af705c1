#!/usr/bin/python3
"""Conformance oracle: run a SessionScope scenario through real SQLAlchemy.

    sqlalchemy_runner.py SCENARIO.json [--database URL] [--drop-existing]

Prints the JSON array of session states (docs/scenario-format.md, "Output of
`sessionscope-cli run SCENARIO --states`").  Needs SQLAlchemy 1.4 (2.0-style
via future=True) or 2.x; on Debian 12 that is /usr/bin/python3.

Exit status: 0 after a run (step errors are part of the output), 1 for an
error of the scenario or of the database setup, 2 for a bug in this runner.
"""

import argparse
import json
import os
import sys
import traceback
import warnings

from sqlalchemy import create_engine, event, inspect, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from oracle_errors import error_kind, error_message
from oracle_model import build_model, column_value
from oracle_scenario import Column, Composite, ScenarioError, load_scenario
from oracle_sql import describe, qmark_to_named
from oracle_state import StatePrinter


# --------------------------------------------------------------------------
# Error kinds


class StepRefused(sa_exc.InvalidRequestError):
    """A request SQLAlchemy has no call for (e.g. releasing a savepoint when none is open)."""


# --------------------------------------------------------------------------
# Database


def database_url(arg):
    if arg is None:
        return "sqlite://"
    if "://" in arg:
        return arg
    return "sqlite:///" + os.path.abspath(arg)


def make_engine(url):
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def on_connect(dbapi_connection, _record):
            # Let SQLAlchemy, not pysqlite, decide when transactions begin (so that
            # SAVEPOINTs behave), and enforce foreign keys as PostgreSQL does.
            dbapi_connection.isolation_level = None
            dbapi_connection.execute("PRAGMA foreign_keys=ON")

        @event.listens_for(engine, "begin")
        def on_begin(connection):
            # Straight to the driver: not a statement of any step.
            connection.connection.dbapi_connection.execute("BEGIN")
    return engine


def create_tables(engine, metadata, drop_existing):
    """Create the scenario's tables; drop them first with --drop-existing."""
    tables = metadata.sorted_tables          # dependency order
    quote = engine.dialect.identifier_preparer.quote
    if drop_existing:
        if engine.dialect.name == "sqlite":
            # Foreign keys of other tables must not block dropping ours.
            # (The pragma is ignored inside a transaction: use the driver's
            # autocommit connection directly.)
            raw = engine.raw_connection()
            try:
                cursor = raw.cursor()
                cursor.execute("PRAGMA foreign_keys=OFF")
                for t in reversed(tables):
                    cursor.execute(f"DROP TABLE IF EXISTS {quote(t.name)}")
                cursor.execute("PRAGMA foreign_keys=ON")
            finally:
                raw.close()
        else:
            # CASCADE only drops other tables' foreign-key constraints on ours.
            with engine.begin() as conn:
                for t in reversed(tables):
                    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {quote(t.name)} CASCADE")
    else:
        existing = [t.name for t in tables if inspect(engine).has_table(t.name)]
        if existing:
            raise ScenarioError(None, f"table {existing[0]!r} already exists in the "
                                "database (use --drop-existing)")
    metadata.create_all(engine)


# --------------------------------------------------------------------------
# The run


class Runner:
    """Drives one Session through the steps of a scenario."""

    def __init__(self, scenario, engine):
        self.scenario = scenario
        self.entities = scenario.entities
        self.classes, self.metadata = build_model(scenario.entities)
        self.engine = engine
        self.aliases = {}       # alias -> object, in binding order
        self.names = {}         # id(object) -> its first alias
        self.keep = {}          # id(object) -> object: every object ever seen
        self.savepoints = []    # SessionTransactions returned by begin_nested
        self.sql = None         # statements of the current step, when capturing
        event.listen(engine, "before_cursor_execute", self._capture)

    def _show_warning(self, message, category, *_args, **_kwargs):
        # SQLAlchemy warns (e.g. a cascade that will not proceed) on stderr.
        print(f"{self.scenario.path}: {self.where}: {category.__name__}: {message}",
              file=sys.stderr)

    def start_session(self):
        self.where = "setup"
        warnings.showwarning = self._show_warning
        self.session = Session(self.engine, future=True,
                               autoflush=self.scenario.autoflush,
                               expire_on_commit=self.scenario.expire_on_commit)
        # The identity map is weak: an object nobody references may vanish from
        # it whenever the garbage collector runs.  Keep every object the session
        # ever held alive so that the output does not depend on the collector.
        for name in ("transient_to_pending", "loaded_as_persistent",
                     "detached_to_persistent", "pending_to_persistent"):
            event.listen(self.session, name, self._keep)
        self.printer = StatePrinter(self.session, self.entities, self.names)

    def _keep(self, _session, obj):
        self.keep[id(obj)] = obj

    def _capture(self, _conn, _cursor, statement, parameters, _context, executemany):
        if self.sql is None:
            return          # setup, not a step
        entry = describe(statement)
        entry["rows"] = len(parameters) if executemany else 1
        self.sql.append(entry)

    # -- aliases and values

    def obj(self, where, alias):
        if alias not in self.aliases:
            raise ScenarioError(where, f"alias {alias!r} is not bound")
        return self.aliases[alias]

    def bind(self, where, alias, obj):
        if alias in self.aliases:
            raise ScenarioError(where, f"alias {alias!r} is bound twice")
        self.aliases[alias] = obj
        self.names.setdefault(id(obj), alias)
        self.keep[id(obj)] = obj

    def attr_value(self, where, entity, name, value):
        """A scenario value for attribute `name` of `entity` as a Python value."""
        attr = entity.column(name) or entity.relationship(name) or entity.composite(name)
        if isinstance(attr, Column):
            return column_value(attr, value)
        if isinstance(attr, Composite):
            if value is None:
                return None
            cls = getattr(self.classes[entity.name], name).property.composite_class
            return cls(*[column_value(entity.column(c), value[c]) for c in attr.columns])
        if attr.kind == "many_to_one":
            return None if value is None else self.obj(where, value)
        return [self.obj(where, a) for a in value]

    def entity_of(self, obj):
        return self.entities[type(obj).__name__]

    # -- steps: each returns a callable doing the SQLAlchemy call, so that
    #    scenario errors (bad aliases...) are raised before anything runs.

    def step_new(self, where, step):
        entity = self.entities[step["entity"]]
        values = {k: self.attr_value(where, entity, k, v)
                  for k, v in step.get("values", {}).items()}
        if step["as"] in self.aliases:
            raise ScenarioError(where, f"alias {step['as']!r} is bound twice")
        return lambda: self.bind(where, step["as"], self.classes[entity.name](**values))

    def step_add(self, where, step):
        obj = self.obj(where, step["obj"])
        return lambda: self.session.add(obj)

    def step_delete(self, where, step):
        obj = self.obj(where, step["obj"])
        return lambda: self.session.delete(obj)

    def step_set(self, where, step):
        obj = self.obj(where, step["obj"])
        value = self.attr_value(where, self.entity_of(obj), step["attr"], step["value"])
        return lambda: setattr(obj, step["attr"], value)

    def step_append(self, where, step):
        obj, value = self.obj(where, step["obj"]), self.obj(where, step["value"])
        return lambda: getattr(obj, step["attr"]).append(value)

    def step_remove(self, where, step):
        obj, value = self.obj(where, step["obj"]), self.obj(where, step["value"])
        return lambda: getattr(obj, step["attr"]).remove(value)

    def step_mutate(self, where, step):
        obj = self.obj(where, step["obj"])
        path, value = step["path"], step.get("value")

        comp = self.entity_of(obj).composite(step["attr"])
        if comp is not None:
            field = path[0]
            converted = column_value(self.entity_of(obj).column(field), value)

            def set_field():
                point = getattr(obj, step["attr"])      # loads it if needed
                if point is None:
                    raise StepRefused(f"{step['attr']} is None; assign it whole first")
                setattr(point, field, converted)
            return set_field

        def mutate():
            container = getattr(obj, step["attr"])      # loads it if needed
            for i, part in enumerate(path):
                # JSON semantics, not Python's: an object takes a string key, an
                # array an index 0 <= i < len (no negative indexes, no appending).
                # Without these checks an integer would become a (non-JSON) key of
                # a dict, and -1 would name the last element.
                last = i == len(path) - 1
                if isinstance(container, dict):
                    if not isinstance(part, str):
                        raise StepRefused(f"path[{i}]: an object takes a string key, "
                                          f"not {part!r}")
                    if part not in container and not (last and step["action"] == "set"):
                        raise StepRefused(f"path[{i}]: no key {part!r}")
                elif isinstance(container, list):
                    if not isinstance(part, int):
                        raise StepRefused(f"path[{i}]: an array takes an index, "
                                          f"not {part!r}")
                    if not 0 <= part < len(container):
                        raise StepRefused(f"path[{i}]: index {part} is out of range "
                                          f"(the array has {len(container)} element(s))")
                else:
                    kind = "null" if container is None else type(container).__name__
                    raise StepRefused(f"path[{i}]: the value there ({kind}) is neither "
                                      "an object nor an array")
                if not last:
                    container = container[part]
            if step["action"] == "set":
                container[path[-1]] = json.loads(json.dumps(value))
            else:
                del container[path[-1]]
        return mutate

    def step_flag_modified(self, where, step):
        obj = self.obj(where, step["obj"])
        return lambda: flag_modified(obj, step["attr"])

    def step_read(self, where, step):
        obj = self.obj(where, step["obj"])

        def read():
            value = getattr(obj, step["attr"])
            for o in value if isinstance(value, list) else [value]:
                if hasattr(o, "_sa_instance_state"):
                    self.keep[id(o)] = o
        return read

    def step_flush(self, where, step):
        return self.session.flush

    def step_commit(self, where, step):
        return self.session.commit

    def step_rollback(self, where, step):
        return self.session.rollback

    def step_begin_nested(self, where, step):
        return lambda: self.savepoints.append(self.session.begin_nested())

    def _end_savepoint(self, action):
        if not self.savepoints:
            raise StepRefused("no savepoint is open")
        getattr(self.savepoints.pop(), action)()

    def step_release_savepoint(self, where, step):
        return lambda: self._end_savepoint("commit")

    def step_rollback_savepoint(self, where, step):
        return lambda: self._end_savepoint("rollback")

    def step_expire(self, where, step):
        obj = self.obj(where, step["obj"])
        return lambda: self.session.expire(obj, step.get("attrs"))

    def step_expire_all(self, where, step):
        return self.session.expire_all

    def step_refresh(self, where, step):
        obj = self.obj(where, step["obj"])
        return lambda: self.session.refresh(obj)

    def step_expunge(self, where, step):
        obj = self.obj(where, step["obj"])
        return lambda: self.session.expunge(obj)

    def step_expunge_all(self, where, step):
        return self.session.expunge_all

    def step_merge(self, where, step):
        obj = self.obj(where, step["obj"])
        if step["as"] in self.aliases:
            raise ScenarioError(where, f"alias {step['as']!r} is bound twice")
        return lambda: self.bind(where, step["as"], self.session.merge(obj))

    def step_get(self, where, step):
        entity = self.entities[step["entity"]]
        key = tuple(column_value(c, v) for c, v in zip(entity.primary_key, step["key"]))
        alias = step.get("as")
        if alias in self.aliases:
            raise ScenarioError(where, f"alias {alias!r} is bound twice")

        def get():
            obj = self.session.get(self.classes[entity.name], key)
            if obj is not None:
                self.keep[id(obj)] = obj
                if alias is not None:
                    self.bind(where, alias, obj)
        return get

    def step_query(self, where, step):
        entity = self.entities[step["entity"]]
        cls = self.classes[entity.name]
        filters = {k: self.attr_value(where, entity, k, v)
                   for k, v in step.get("filter_by", {}).items()}
        aliases = step.get("as", [])
        for alias in aliases:
            if alias in self.aliases:
                raise ScenarioError(where, f"alias {alias!r} is bound twice")
        stmt = (select(cls).filter_by(**filters)
                .order_by(*[getattr(cls, c.name) for c in entity.primary_key]))

        def query():
            results = self.session.execute(stmt).scalars().all()
            for obj in results:
                self.keep[id(obj)] = obj
            for alias, obj in zip(aliases, results):
                self.bind(where, alias, obj)
        return query

    def step_sql(self, where, step):
        statement, count = qmark_to_named(step["statement"])
        params = step.get("params", [])
        if count != len(params):
            raise ScenarioError(where, f"the statement has {count} placeholder(s) "
                                f"and params {len(params)} value(s)")
        binds = {f"p{i}": v for i, v in enumerate(params, start=1)}
        return lambda: self.session.execute(text(statement), binds)

    def step_note(self, where, step):
        return lambda: None

    # -- the loop

    def state(self, number, op, error=None, message=None, sql=()):
        self.sql = []       # anything printing sends is a bug: catch it
        body = self.printer.snapshot(self.aliases)
        if self.sql:
            raise RuntimeError(f"printing the state sent SQL: {self.sql}")
        self.sql = None
        return {"step": number, "op": op, "error": error, "error_message": message,
                **body, "sql": list(sql)}

    def run(self):
        self.start_session()
        states = [self.state(0, None)]
        for number, step in enumerate(self.scenario.steps, start=1):
            where = f"step {number}"
            self.where = where
            action = getattr(self, "step_" + step["op"])(where, step)
            error = message = None
            self.sql = []
            try:
                action()
            except ScenarioError:
                raise
            except Exception as exc:    # noqa: BLE001 - classified below
                error = error_kind(exc)
                if error is None:
                    raise
                message = error_message(exc)
            finally:
                sql, self.sql = self.sql, None
            states.append(self.state(number, step["op"], error, message, sql))
        self.session.close()
        return states


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("--database", help="SQLite file path or postgresql:// URL "
                        "(default: in-memory SQLite)")
    parser.add_argument("--drop-existing", action="store_true",
                        help="drop the scenario's tables first if they exist")
    args = parser.parse_args(argv)
    try:
        scenario = load_scenario(args.scenario)
        engine = make_engine(database_url(args.database))
        try:
            runner = Runner(scenario, engine)
            create_tables(engine, runner.metadata, args.drop_existing)
            states = runner.run()
        finally:
            engine.dispose()
    except ScenarioError as exc:
        print(f"{args.scenario}: {exc}", file=sys.stderr)
        return 1
    except sa_exc.DBAPIError as exc:       # cannot connect, cannot create tables
        print(f"{args.scenario}: database: {error_message(exc)}", file=sys.stderr)
        return 1
    except Exception:                       # noqa: BLE001 - a bug of this runner
        traceback.print_exc()
        return 2
    json.dump(states, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
