"""Money and counts as Vietnamese writes them: a dot between thousands (1.234.567); money in
whole đồng, then " đ" (160.350 đ)."""


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def cell_text(value) -> str:
    """A report table's cell: a count with its dots, anything else (a name, a date already
    written) as it is."""
    return thousands(value) if isinstance(value, int) else str(value)


def vnd(amount: int | None) -> str:
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{thousands(abs(int(amount)))} đ"
