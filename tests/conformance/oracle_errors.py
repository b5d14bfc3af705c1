"""The contract's error kinds (docs/scenario-format.md) for what SQLAlchemy raises."""

import re

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import exc as orm_exc


def error_kind(exc):
    """The contract's error kind for an exception raised by a step, or None."""
    # Most specific first: several of these subclass InvalidRequestError.
    table = [
        (sa_exc.PendingRollbackError, "pending_rollback"),
        (orm_exc.ObjectDeletedError, "object_deleted"),
        (orm_exc.DetachedInstanceError, "detached_instance"),
        (orm_exc.StaleDataError, "stale_data"),
        (sa_exc.IntegrityError, "integrity"),
        (sa_exc.DBAPIError, "operational"),
        (sa_exc.InvalidRequestError, "invalid_request"),   # also NoResultFound, Unmapped...
        # Other SQLAlchemy errors (StatementError from a bind processor that refuses
        # a value, ArgumentError...) and the plain Python errors a refused value
        # raises (MutableDict coercion, list.remove, a json path that does not exist).
        (sa_exc.SQLAlchemyError, "invalid_request"),
        ((ValueError, TypeError, LookupError), "invalid_request"),
    ]
    for cls, kind in table:
        if isinstance(exc, cls):
            return kind
    return None


def error_message(exc):
    """First line of the exception text, without memory addresses (so runs repeat)."""
    lines = str(exc).strip().splitlines()
    message = lines[0] if lines else type(exc).__name__
    return re.sub(r" at 0x[0-9a-fA-F]+", "", message)
