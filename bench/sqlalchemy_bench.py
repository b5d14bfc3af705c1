#!/usr/bin/python3
"""SQLAlchemy's ORM doing what sessionscope-bench measures, for comparison.

    sqlalchemy_bench.py {insert|update|load} DATABASE ROWS
    sqlalchemy_bench.py --probe

DATABASE is a SQLite file prepared by sessionscope-bench (the "items" table, and for update and
load ROWS rows in it). Prints {"seconds": S} for the measured part, one transaction, the way
an application writes it: add_all + commit, change loaded objects + commit, query all.
Prints {"unavailable": "why"} and exits 0 when SQLAlchemy cannot be imported.
"""

import json
import sys
import time

try:
    import sqlalchemy
    from sqlalchemy import Column, Float, Integer, Text, create_engine
    from sqlalchemy.orm import Session, declarative_base
except ImportError as error:  # reported, not failed: the benchmark goes on without it
    print(json.dumps({"unavailable": f"SQLAlchemy cannot be imported: {error}"}))
    sys.exit(0)

Base = declarative_base()


class Item(Base):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    name = Column(Text, nullable=False)
    quantity = Column(Integer)
    price = Column(Float)


def item_name(i):
    return f"item{i}"


def item_quantity(i):
    return i % 1000


def item_price(i):
    return (i % 10000) * 0.25


def insert(session, rows):
    values = [(item_name(i), item_quantity(i), item_price(i)) for i in range(1, rows + 1)]
    start = time.perf_counter()
    items = [Item(name=n, quantity=q, price=p) for n, q, p in values]
    session.add_all(items)
    session.commit()
    seconds = time.perf_counter() - start
    if items[-1].id != rows:
        raise SystemExit("sqlalchemy_bench: unexpected generated keys")
    return seconds


def update(session, rows):
    items = session.query(Item).all()
    if len(items) != rows:
        raise SystemExit("sqlalchemy_bench: the load read the wrong number of rows")
    start = time.perf_counter()
    for item in items:
        item.quantity = item.quantity + 1
    session.commit()
    return time.perf_counter() - start


def load(session, rows):
    start = time.perf_counter()
    items = session.query(Item).order_by(Item.id).all()
    seconds = time.perf_counter() - start
    if len(items) != rows:
        raise SystemExit("sqlalchemy_bench: the load read the wrong number of rows")
    session.rollback()
    return seconds


def main():
    if sys.argv[1:] == ["--probe"]:
        print(json.dumps({"sqlalchemy": sqlalchemy.__version__}))
        return
    if len(sys.argv) != 4 or sys.argv[1] not in ("insert", "update", "load"):
        raise SystemExit(__doc__)
    benchmark, database, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    engine = create_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        seconds = {"insert": insert, "update": update, "load": load}[benchmark](session, rows)
    engine.dispose()
    print(json.dumps({"seconds": seconds, "sqlalchemy": sqlalchemy.__version__}))


if __name__ == "__main__":
    main()
