"""The `--states` snapshot of a session, read passively through inspect().

Nothing here may load an attribute or flush: only InstanceState's dict,
committed history (PASSIVE_NO_INITIALIZE), flags and the session's sets are read.
"""

import base64
import datetime
import decimal

from sqlalchemy import inspect
from sqlalchemy.util import symbol

from oracle_errors import error_kind, error_message


def _key_sort(key):
    """Sort key for a printed primary key (a list of JSON scalars)."""
    return [(0, v, "") if isinstance(v, (int, float)) and not isinstance(v, bool)
            else (1, 0, str(v)) for v in key]


class StatePrinter:
    """Prints values and objects of one run; `names` maps id(obj) -> first alias."""

    def __init__(self, session, entities, names):
        self.session = session
        self.entities = entities
        self.names = names

    # -- names and values

    def name(self, obj):
        alias = self.names.get(id(obj))
        if alias is not None:
            return alias
        insp = inspect(obj)
        if insp.identity is None:
            # Not in the contract: an unaliased object without a key.
            return f"{type(obj).__name__}#?"
        return f"{type(obj).__name__}#" + ",".join(str(self.value(v)) for v in insp.identity)

    def value(self, v):
        """A Python attribute value as the contract prints it."""
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, symbol):           # NO_VALUE & co. (an int subclass)
            raise ValueError(f"unexpected symbol {v!r}")
        if isinstance(v, (int, float)):
            return v
        if isinstance(v, decimal.Decimal):
            return float(v)
        if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
            return v.isoformat()
        if isinstance(v, (bytes, bytearray, memoryview)):
            return base64.b64encode(bytes(v)).decode("ascii")
        if isinstance(v, dict):
            return {str(k): self.value(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [self.value(x) for x in v]
        if hasattr(v, "_sa_instance_state"):
            return self.name(v)
        raise TypeError(f"cannot print a {type(v).__name__}")

    def history_list(self, values):
        return [self.value(v) for v in (values or ()) if not isinstance(v, symbol)]

    # -- objects

    def object_state(self, obj):
        insp = inspect(obj)
        entity = self.entities[type(obj).__name__]
        if insp.transient:
            state = "transient"
        elif insp.pending:
            state = "pending"
        elif insp.persistent:
            state = "persistent"
        elif insp.deleted:
            state = "deleted"
        else:
            state = "detached"
        names = entity.attribute_names()
        attrs = {}
        for name in names:
            if name not in insp.dict:
                attrs[name] = {"loaded": False}
                continue
            comp = entity.composite(name)
            if comp is not None:
                attrs[name] = self.composite_state(insp, comp)
                continue
            hist = insp.attrs[name].history      # passive: never loads
            attrs[name] = {
                "loaded": True,
                "value": self.value(insp.dict[name]),
                "history": {"added": self.history_list(hist.added),
                            "unchanged": self.history_list(hist.unchanged),
                            "deleted": self.history_list(hist.deleted)},
            }
        return {
            "entity": entity.name,
            "state": state,
            "key": None if insp.identity is None else [self.value(v) for v in insp.identity],
            "modified": bool(insp.modified),
            "expired": [n for n in names if n in insp.expired_attributes],
            "attrs": attrs,
        }

    def composite_state(self, insp, comp):
        """A cached composite: its value, and History derived from its columns' History the
        way CompositeProperty.get_history does, but passively (printing never loads)."""
        def fields(values):
            return None if values is None else {c: self.value(v) for c, v in zip(comp.columns, values)}
        cached = insp.dict[comp.name]
        added, deleted, changed = [], [], False
        for column in comp.columns:
            hist = insp.attrs[column].history
            changed = changed or bool(hist.added or hist.deleted)
            current = list(hist.added or ()) + list(hist.unchanged or ())
            added.extend(current if current else [None])
            deleted.extend(hist.deleted if hist.deleted else [None])
        history = ({"added": [fields(added)], "unchanged": [], "deleted": [fields(deleted)]}
                   if changed else {"added": [], "unchanged": [fields(added)], "deleted": []})
        return {
            "loaded": True,
            "value": None if cached is None else fields(cached.__composite_values__()),
            "history": history,
        }

    # -- the whole session

    def nested_depth(self):
        depth = 0
        trans = self.session._transaction        # no public API walks the chain
        while trans is not None:
            depth += bool(trans.nested)
            trans = trans._parent
        return depth

    def transaction(self):
        """`transaction` of a state: SQLAlchemy's in_transaction(), the savepoint depth, and
        the status: needs_rollback while a level is deactivated (a failed flush), with the
        error that caused it."""
        session = self.session
        result = {"active": session.in_transaction(), "nested_depth": self.nested_depth()}
        trans = session._transaction              # the innermost level
        if trans is None:
            result["status"] = "inactive"
            return result
        result["status"] = "active"
        while trans is not None:
            state = trans._state
            name = getattr(state, "name", None) or str(state)
            if "DEACTIVE" in name:
                result["status"] = "needs_rollback"
                cause = getattr(trans, "_rollback_exception", None)
                if cause is not None:
                    result["cause"] = {"kind": error_kind(cause),
                                       "message": error_message(cause)}
                break
            trans = trans._parent
        return result

    def snapshot(self, aliases):
        """The state dict without step/op/error/sql; `aliases` is alias -> obj."""
        session = self.session
        identity = []
        for st in session.identity_map.all_states():
            obj = st.obj()
            if obj is None:
                continue
            identity.append({"entity": type(obj).__name__,
                             "key": [self.value(v) for v in st.identity],
                             "obj": self.name(obj)})
        identity.sort(key=lambda e: (e["entity"], _key_sort(e["key"])))

        objects = {alias: obj for alias, obj in aliases.items()}
        sets = {}
        for set_name in ("new", "dirty", "deleted"):
            members = list(getattr(session, set_name))
            sets[set_name] = sorted(self.name(o) for o in members)
            for o in members:
                objects.setdefault(self.name(o), o)
        for st in session.identity_map.all_states():
            obj = st.obj()
            if obj is not None:
                objects.setdefault(self.name(obj), obj)

        return {
            "transaction": self.transaction(),
            "identity_map": identity,
            "new": sets["new"],
            "dirty": sets["dirty"],
            "deleted": sets["deleted"],
            "objects": {name: self.object_state(objects[name]) for name in sorted(objects)},
        }
