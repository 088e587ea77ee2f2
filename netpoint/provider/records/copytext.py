"""Rows for PostgreSQL's COPY in its text format: the fast way in for the large tables.

A tab between values, \\N for null, backslash escapes inside text. Times go as the ISO 8601
text the events carry (checked on arrival), which PostgreSQL reads as it is.
"""

NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def text(value: str) -> str:
    return value.translate(_ESCAPES)


def copy_lines(cursor, target: str, lines) -> None:
    """COPY the lines (each ending in a newline) into `target`, e.g. "table (a, b)"."""
    with cursor.connection.cursor().copy(f"COPY {target} FROM STDIN") as copy:
        copy.write("".join(lines).encode())
