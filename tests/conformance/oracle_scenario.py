"""Loading and validating a `sessionscope-scenario/1` file (docs/scenario-format.md).

Everything that can be checked without running the scenario is checked here, so
that the runner only deals with well-formed steps.  A problem with the file is
raised as ScenarioError("step 3", "what is wrong") and printed by the runner as
`FILE: step 3: what is wrong`.
"""

import json
import re
from dataclasses import dataclass, field

FORMAT = "sessionscope-scenario/1"
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}\Z")
COLUMN_TYPES = ("integer", "text", "real", "boolean", "json", "blob", "datetime")
CASCADES = ("save-update", "merge", "delete", "delete-orphan", "expunge", "refresh-expire",
            "all")
DEFAULT_CASCADE = ["save-update", "merge"]


class ScenarioError(Exception):
    """An error of the scenario itself (not of the session it drives)."""

    def __init__(self, where, message):
        super().__init__(f"{where}: {message}" if where else message)


# --------------------------------------------------------------------------
# Schema model


@dataclass
class Column:
    name: str
    type: str
    primary_key: bool = False
    nullable: bool = True
    unique: bool = False
    has_default: bool = False
    default: object = None
    references: tuple = None          # (table, column) or None
    version: bool = False
    json_kind: str = None


@dataclass
class Relationship:
    owner: str                        # entity name holding the attribute
    name: str
    target: str
    kind: str                         # many_to_one | one_to_many
    back_populates: str = None
    cascade: list = field(default_factory=lambda: list(DEFAULT_CASCADE))
    foreign_key: str = None           # resolved FK column on the many side
    explicit_foreign_key: bool = False
    post_update: bool = False

    @property
    def many_side(self):
        """Entity that holds the foreign-key column."""
        return self.owner if self.kind == "many_to_one" else self.target


@dataclass
class Composite:
    name: str
    columns: list      # column names, in field order


@dataclass
class Entity:
    name: str
    table: str
    columns: list
    relationships: list
    composites: list

    def column(self, name):
        return next((c for c in self.columns if c.name == name), None)

    def relationship(self, name):
        return next((r for r in self.relationships if r.name == name), None)

    def composite(self, name):
        return next((c for c in self.composites if c.name == name), None)

    def attribute_names(self):
        """Columns in schema order, then relationships, then composites ("mapping order")."""
        return ([c.name for c in self.columns] + [r.name for r in self.relationships]
                + [c.name for c in self.composites])

    @property
    def primary_key(self):
        return [c for c in self.columns if c.primary_key]


@dataclass
class Scenario:
    path: str
    title: str
    description: str
    autoflush: bool
    expire_on_commit: bool
    entities: dict                    # name -> Entity, in file order
    steps: list                       # validated step dicts


# --------------------------------------------------------------------------
# Small checking helpers


def _check_keys(where, obj, required, optional=()):
    if not isinstance(obj, dict):
        raise ScenarioError(where, "expected an object")
    for key in obj:
        if key not in required and key not in optional:
            raise ScenarioError(where, f"unknown field {key!r}")
    for key in required:
        if key not in obj:
            raise ScenarioError(where, f"missing field {key!r}")


def _check_type(where, name, value, types, what):
    # bool is a subclass of int in Python; never accept it as a number.
    if isinstance(value, bool) and bool not in types:
        raise ScenarioError(where, f"{name!r} must be {what}")
    if not isinstance(value, types):
        raise ScenarioError(where, f"{name!r} must be {what}")


def _check_identifier(where, name, value):
    _check_type(where, name, value, (str,), "a string")
    if not IDENTIFIER.match(value):
        raise ScenarioError(where, f"{name!r}: {value!r} is not a valid identifier")


# --------------------------------------------------------------------------
# Schema


def _parse_column(where, raw):
    _check_keys(where, raw, ("name", "type"),
                ("primary_key", "nullable", "unique", "default", "references",
                 "version", "json_kind", "sensitive"))
    _check_identifier(where, "name", raw["name"])
    where = f"{where} ({raw['name']})"
    if raw["type"] not in COLUMN_TYPES:
        raise ScenarioError(where, f"unknown column type {raw['type']!r}")
    for flag in ("primary_key", "nullable", "unique", "version", "sensitive"):
        if flag in raw:
            _check_type(where, flag, raw[flag], (bool,), "a boolean")
    col = Column(name=raw["name"], type=raw["type"],
                 primary_key=raw.get("primary_key", False),
                 unique=raw.get("unique", False),
                 version=raw.get("version", False))
    col.nullable = raw.get("nullable", not col.primary_key)
    if "default" in raw:
        col.has_default, col.default = True, raw["default"]
    if "references" in raw:
        ref = raw["references"]
        _check_type(where, "references", ref, (str,), '"table.column"')
        parts = ref.split(".")
        if len(parts) != 2 or not all(IDENTIFIER.match(p) for p in parts):
            raise ScenarioError(where, f"references {ref!r} is not \"table.column\"")
        col.references = tuple(parts)
    if "json_kind" in raw:
        if col.type != "json":
            raise ScenarioError(where, "json_kind is only for json columns")
        if raw["json_kind"] not in ("dict", "list"):
            raise ScenarioError(where, "json_kind must be \"dict\" or \"list\"")
        col.json_kind = raw["json_kind"]
    if col.version and col.type != "integer":
        raise ScenarioError(where, "a version column must be an integer")
    return col


def _parse_relationship(where, owner, raw):
    _check_keys(where, raw, ("name", "target", "kind"),
                ("back_populates", "cascade", "foreign_key", "post_update"))
    _check_identifier(where, "name", raw["name"])
    where = f"{where} ({raw['name']})"
    _check_identifier(where, "target", raw["target"])
    if raw["kind"] not in ("many_to_one", "one_to_many"):
        raise ScenarioError(where, f"unknown relationship kind {raw['kind']!r}")
    rel = Relationship(owner=owner, name=raw["name"], target=raw["target"],
                       kind=raw["kind"])
    if "back_populates" in raw:
        _check_identifier(where, "back_populates", raw["back_populates"])
        rel.back_populates = raw["back_populates"]
    if "cascade" in raw:
        cascade = raw["cascade"]
        _check_type(where, "cascade", cascade, (list,), "an array")
        for c in cascade:
            if c not in CASCADES:
                raise ScenarioError(where, f"unknown cascade {c!r}")
        rel.cascade = list(cascade)
    if "foreign_key" in raw:
        _check_identifier(where, "foreign_key", raw["foreign_key"])
        rel.foreign_key = raw["foreign_key"]
        rel.explicit_foreign_key = True
    if "post_update" in raw:
        _check_type(where, "post_update", raw["post_update"], (bool,), "true or false")
        rel.post_update = raw["post_update"]
    return rel


def _parse_composite(where, columns, raw):
    _check_keys(where, raw, ("name", "columns"))
    _check_identifier(where, "name", raw["name"])
    _check_type(where, "columns", raw["columns"], (list,), "an array")
    names = raw["columns"]
    known = {c.name for c in columns}
    if len(names) < 2 or len(set(names)) != len(names) or not all(n in known for n in names):
        raise ScenarioError(where, "a composite spans two or more distinct columns of its entity")
    return Composite(raw["name"], list(names))


def _parse_schema(raw):
    _check_keys("schema", raw, ("entities",))
    _check_type("schema", "entities", raw["entities"], (list,), "an array")
    entities = {}
    for i, raw_entity in enumerate(raw["entities"]):
        where = f"schema: entities[{i}]"
        _check_keys(where, raw_entity, ("name", "table", "columns"),
                    ("relationships", "composites"))
        _check_identifier(where, "name", raw_entity["name"])
        _check_identifier(where, "table", raw_entity["table"])
        name = raw_entity["name"]
        where = f"schema: entity {name}"
        if name in entities:
            raise ScenarioError(where, "entity declared twice")
        if any(e.table == raw_entity["table"] for e in entities.values()):
            raise ScenarioError(where, f"table {raw_entity['table']!r} mapped twice")
        _check_type(where, "columns", raw_entity["columns"], (list,), "an array")
        if not raw_entity["columns"]:
            raise ScenarioError(where, "an entity needs at least one column")
        columns = [_parse_column(f"{where}: columns[{j}]", c)
                   for j, c in enumerate(raw_entity["columns"])]
        rels_raw = raw_entity.get("relationships", [])
        _check_type(where, "relationships", rels_raw, (list,), "an array")
        rels = [_parse_relationship(f"{where}: relationships[{j}]", name, r)
                for j, r in enumerate(rels_raw)]
        comps_raw = raw_entity.get("composites", [])
        _check_type(where, "composites", comps_raw, (list,), "an array")
        comps = [_parse_composite(f"{where}: composites[{j}]", columns, c)
                 for j, c in enumerate(comps_raw)]
        names = [c.name for c in columns] + [r.name for r in rels] + [c.name for c in comps]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ScenarioError(where, f"attribute {sorted(dupes)[0]!r} declared twice")
        if not any(c.primary_key for c in columns):
            raise ScenarioError(where, "an entity needs a primary key")
        if sum(c.version for c in columns) > 1:
            raise ScenarioError(where, "at most one version column")
        entities[name] = Entity(name, raw_entity["table"], columns, rels, comps)
    if not entities:
        raise ScenarioError("schema", "no entities")
    _resolve_references(entities)
    return entities


def _resolve_references(entities):
    """Check foreign keys and relationships against each other; infer foreign_key."""
    by_table = {e.table: e for e in entities.values()}
    for entity in entities.values():
        for col in entity.columns:
            if col.references:
                table, column = col.references
                where = f"schema: entity {entity.name}: column {col.name}"
                if table not in by_table:
                    raise ScenarioError(where, f"references unknown table {table!r}")
                if by_table[table].column(column) is None:
                    raise ScenarioError(where, f"references unknown column {table}.{column}")
    for entity in entities.values():
        for rel in entity.relationships:
            where = f"schema: entity {entity.name}: relationship {rel.name}"
            if rel.target not in entities:
                raise ScenarioError(where, f"unknown target entity {rel.target!r}")
            many = entities[rel.many_side]
            one = entities[rel.target if rel.kind == "many_to_one" else rel.owner]
            candidates = [c.name for c in many.columns
                          if c.references and c.references[0] == one.table]
            if rel.foreign_key is not None:
                if rel.foreign_key not in candidates:
                    raise ScenarioError(where, f"foreign_key {rel.foreign_key!r} is not a "
                                        f"column of {many.name} referencing {one.table}")
            elif len(candidates) != 1:
                raise ScenarioError(where, f"{len(candidates)} columns of {many.name} reference "
                                    f"{one.table}; say which with foreign_key")
            else:
                rel.foreign_key = candidates[0]
            if rel.back_populates is not None:
                other = entities[rel.target].relationship(rel.back_populates)
                if other is None:
                    raise ScenarioError(where, f"back_populates: {rel.target} has no "
                                        f"relationship {rel.back_populates!r}")
                if other.target != entity.name or other.back_populates != rel.name:
                    raise ScenarioError(where, f"back_populates: {rel.target}."
                                        f"{other.name} does not mirror it")
                if other.kind == rel.kind:
                    raise ScenarioError(where, "back_populates pairs a many_to_one "
                                        "with a one_to_many")


# --------------------------------------------------------------------------
# Steps

# op -> (required fields, optional fields)
OPS = {
    "new": (("entity", "as"), ("values",)),
    "add": (("obj",), ()),
    "delete": (("obj",), ()),
    "set": (("obj", "attr", "value"), ()),
    "append": (("obj", "attr", "value"), ()),
    "remove": (("obj", "attr", "value"), ()),
    "mutate": (("obj", "attr", "path", "action"), ("value",)),
    "flag_modified": (("obj", "attr"), ()),
    "read": (("obj", "attr"), ()),
    "flush": ((), ()),
    "commit": ((), ()),
    "rollback": ((), ()),
    "begin_nested": ((), ()),
    "release_savepoint": ((), ()),
    "rollback_savepoint": ((), ()),
    "expire": (("obj",), ("attrs",)),
    "expire_all": ((), ()),
    "refresh": (("obj",), ()),
    "expunge": (("obj",), ()),
    "expunge_all": ((), ()),
    "merge": (("obj", "as"), ()),
    "get": (("entity", "key"), ("as",)),
    "query": (("entity",), ("filter_by", "as")),
    "sql": (("statement",), ("params",)),
    "note": (("text",), ()),
}

JSON_SCALARS = (str, int, float, bool, type(None))


class _StepChecker:
    """Validates steps in order, tracking which entity each alias names."""

    def __init__(self, entities):
        self.entities = entities
        self.alias_entity = {}

    def entity(self, where, name):
        if not isinstance(name, str) or name not in self.entities:
            raise ScenarioError(where, f"unknown entity {name!r}")
        return self.entities[name]

    def obj(self, where, alias):
        """The entity of the object an alias names."""
        if not isinstance(alias, str):
            raise ScenarioError(where, "an alias must be a string")
        if alias not in self.alias_entity:
            raise ScenarioError(where, f"alias {alias!r} is not bound")
        return self.entities[self.alias_entity[alias]]

    def bind(self, where, alias, entity):
        if not isinstance(alias, str) or not alias:
            raise ScenarioError(where, "an alias must be a non-empty string")
        if alias in self.alias_entity:
            raise ScenarioError(where, f"alias {alias!r} is bound twice")
        self.alias_entity[alias] = entity.name

    def attr(self, where, entity, name):
        if not isinstance(name, str) or name not in entity.attribute_names():
            raise ScenarioError(where, f"{entity.name} has no attribute {name!r}")
        return entity.column(name) or entity.relationship(name) or entity.composite(name)

    def value(self, where, entity, name, value, context):
        """Check a value for attribute `name` (context: new | set | filter_by)."""
        attr = self.attr(where, entity, name)
        if isinstance(attr, Column):
            return
        if isinstance(attr, Composite):
            if context == "filter_by":
                raise ScenarioError(where, f"filter_by on composite {name!r}")
            if value is not None and (not isinstance(value, dict)
                                      or sorted(value) != sorted(attr.columns)):
                raise ScenarioError(where, f"{name}: a composite takes an object with the "
                                           f"members {', '.join(attr.columns)}, or null")
            return
        target = attr.target
        if attr.kind == "many_to_one":
            if value is not None and self.obj(where, value).name != target:
                raise ScenarioError(where, f"{name}: {value!r} is not a {target}")
        elif context == "filter_by":
            raise ScenarioError(where, f"filter_by on collection {name!r}")
        else:
            if not isinstance(value, list):
                raise ScenarioError(where, f"{name}: a collection takes an array of aliases")
            for alias in value:
                if self.obj(where, alias).name != target:
                    raise ScenarioError(where, f"{name}: {alias!r} is not a {target}")

    def check(self, index, step):
        where = f"step {index}"
        if not isinstance(step, dict):
            raise ScenarioError(where, "a step must be an object")
        op = step.get("op")
        if op not in OPS:
            raise ScenarioError(where, f"unknown op {op!r}")
        required, optional = OPS[op]
        _check_keys(where, step, ("op",) + required, optional)
        getattr(self, "check_" + op, lambda w, s: None)(where, step)

    # -- per-op checks (ops without fields need none)

    def check_new(self, where, step):
        entity = self.entity(where, step["entity"])
        values = step.get("values", {})
        _check_type(where, "values", values, (dict,), "an object")
        for name, value in values.items():
            self.value(where, entity, name, value, "new")
        self.bind(where, step["as"], entity)

    def _obj_only(self, where, step):
        self.obj(where, step["obj"])

    check_add = check_delete = check_refresh = check_expunge = _obj_only

    def check_set(self, where, step):
        entity = self.obj(where, step["obj"])
        self.value(where, entity, step["attr"], step["value"], "set")

    def check_append(self, where, step):
        entity = self.obj(where, step["obj"])
        rel = self.attr(where, entity, step["attr"])
        if not isinstance(rel, Relationship) or rel.kind != "one_to_many":
            raise ScenarioError(where, f"{step['attr']!r} is not a collection")
        if self.obj(where, step["value"]).name != rel.target:
            raise ScenarioError(where, f"{step['value']!r} is not a {rel.target}")

    check_remove = check_append

    def check_mutate(self, where, step):
        entity = self.obj(where, step["obj"])
        col = self.attr(where, entity, step["attr"])
        if isinstance(col, Composite):
            if step["path"] not in [[c] for c in col.columns] or step["action"] != "set" \
                    or "value" not in step:
                raise ScenarioError(where, f"a change to composite {col.name!r} sets one of "
                                           f"its fields: path [field], action set, a value")
            return
        if not isinstance(col, Column) or col.type != "json":
            raise ScenarioError(where, f"{step['attr']!r} is not a json column")
        path = step["path"]
        _check_type(where, "path", path, (list,), "an array")
        if not path or not all(isinstance(p, (str, int)) and not isinstance(p, bool)
                               for p in path):
            raise ScenarioError(where, "path must be a non-empty array of keys and indexes")
        if step["action"] not in ("set", "delete"):
            raise ScenarioError(where, "action must be \"set\" or \"delete\"")
        if (step["action"] == "set") != ("value" in step):
            raise ScenarioError(where, "value is required by action set and only by it")

    def check_flag_modified(self, where, step):
        if isinstance(self.attr(where, self.obj(where, step["obj"]), step["attr"]), Composite):
            raise ScenarioError(where, f"{step['attr']!r} is a composite; name a column")

    def check_read(self, where, step):
        self.attr(where, self.obj(where, step["obj"]), step["attr"])

    def check_expire(self, where, step):
        entity = self.obj(where, step["obj"])
        if "attrs" in step:
            _check_type(where, "attrs", step["attrs"], (list,), "an array")
            for name in step["attrs"]:
                if isinstance(self.attr(where, entity, name), Composite):
                    raise ScenarioError(where, f"{name!r} is a composite; name its columns")

    def check_merge(self, where, step):
        self.bind(where, step["as"], self.obj(where, step["obj"]))

    def check_get(self, where, step):
        entity = self.entity(where, step["entity"])
        key = step["key"]
        _check_type(where, "key", key, (list,), "an array")
        if len(key) != len(entity.primary_key):
            raise ScenarioError(where, f"{entity.name} has {len(entity.primary_key)} key "
                                f"column(s), key has {len(key)} value(s)")
        if "as" in step:
            self.bind(where, step["as"], entity)

    def check_query(self, where, step):
        entity = self.entity(where, step["entity"])
        filter_by = step.get("filter_by", {})
        _check_type(where, "filter_by", filter_by, (dict,), "an object")
        for name, value in filter_by.items():
            self.value(where, entity, name, value, "filter_by")
        aliases = step.get("as", [])
        _check_type(where, "as", aliases, (list,), "an array of aliases")
        for alias in aliases:
            self.bind(where, alias, entity)

    def check_sql(self, where, step):
        _check_type(where, "statement", step["statement"], (str,), "a string")
        params = step.get("params", [])
        _check_type(where, "params", params, (list,), "an array")
        if not all(isinstance(p, JSON_SCALARS) for p in params):
            raise ScenarioError(where, "params must be numbers, strings, booleans or null")

    def check_note(self, where, step):
        _check_type(where, "text", step["text"], (str,), "a string")


def load_scenario(path):
    """Read and validate a scenario file; raise ScenarioError when it is wrong."""
    try:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
    except OSError as exc:
        raise ScenarioError(None, f"cannot read: {exc.strerror}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ScenarioError(None, f"malformed JSON: {exc}")
    _check_keys("scenario", raw, ("format", "schema", "steps"),
                ("title", "description", "autoflush", "expire_on_commit"))
    if raw["format"] != FORMAT:
        raise ScenarioError("scenario", f"format must be {FORMAT!r}")
    for name in ("title", "description"):
        if name in raw:
            _check_type("scenario", name, raw[name], (str,), "a string")
    for name in ("autoflush", "expire_on_commit"):
        if name in raw:
            _check_type("scenario", name, raw[name], (bool,), "a boolean")
    entities = _parse_schema(raw["schema"])
    _check_type("scenario", "steps", raw["steps"], (list,), "an array")
    checker = _StepChecker(entities)
    for i, step in enumerate(raw["steps"], start=1):
        checker.check(i, step)
    return Scenario(path=path, title=raw.get("title", ""),
                    description=raw.get("description", ""),
                    autoflush=raw.get("autoflush", True),
                    expire_on_commit=raw.get("expire_on_commit", True),
                    entities=entities, steps=raw["steps"])
