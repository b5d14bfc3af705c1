"""SQL text helpers: describing captured statements and converting `?` placeholders."""

import re

# One token of SQL: a quoted literal/identifier, a comment, a word or any other character.
_TOKEN = re.compile(r"""
      (?P<string>'(?:[^']|'')*')
    | (?P<quoted>"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\])
    | (?P<comment>--[^\n]*|/\*.*?\*/)
    | (?P<word>[A-Za-z_][A-Za-z0-9_$]*)
    | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

# The keyword after which each verb names its table.
_TABLE_AFTER = {"INSERT": "INTO", "DELETE": "FROM", "SELECT": "FROM", "UPDATE": None}


def _tokens(sql):
    """(kind, text) for each meaningful token, skipping whitespace and comments."""
    for m in _TOKEN.finditer(sql):
        kind = m.lastgroup
        if kind == "comment" or (kind == "other" and m.group().isspace()):
            continue
        yield kind, m.group()


def _unquote(kind, text):
    if kind == "quoted":
        inner = text[1:-1]
        return inner.replace('""', '"') if text[0] == '"' else inner
    return text


def describe(sql):
    """{"verb", "table"} for a statement, as the `sql` list of a state prints it.

    verb: the first keyword, upper-cased.  table: the first table named by
    INSERT INTO t / UPDATE t / DELETE FROM t / SELECT ... FROM t (unquoted, and
    without a schema prefix), or None.
    """
    tokens = list(_tokens(sql))
    if not tokens:
        return {"verb": None, "table": None}
    verb = tokens[0][1].upper()
    table = None
    if verb in _TABLE_AFTER:
        keyword = _TABLE_AFTER[verb]
        start = 1 if keyword is None else next(
            (i + 1 for i, (k, t) in enumerate(tokens) if k == "word" and t.upper() == keyword),
            None)
        if start is not None:
            table = _table_name(tokens[start:])
    return {"verb": verb, "table": table}


def _table_name(tokens):
    """The (possibly schema-qualified) name at the front of `tokens`, or None."""
    name = None
    i = 0
    while i < len(tokens) and tokens[i][0] in ("word", "quoted"):
        name = _unquote(*tokens[i])
        if i + 1 < len(tokens) and tokens[i + 1][1] == ".":
            i += 2          # schema.table: keep the last part
        else:
            break
    return name


def qmark_to_named(sql):
    """Rewrite `?` placeholders as :p1, :p2... for text(); return (sql, count).

    Placeholders inside quoted literals and identifiers are left alone, and
    every other colon is escaped so text() does not take it for a parameter.
    """
    out = []
    count = 0
    for m in _TOKEN.finditer(sql):
        kind, text = m.lastgroup, m.group()
        if kind in ("string", "quoted", "comment"):
            out.append(text.replace(":", "\\:"))
        elif text == "?":
            count += 1
            out.append(f":p{count}")
        elif text == ":":
            out.append("\\:")
        else:
            out.append(text)
    return "".join(out), count
