"""Money as Vietnamese writes it: whole đồng, a dot between thousands, then " đ" (160.350 đ)."""


def vnd(amount: int | None) -> str:
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,} đ".replace(",", ".")
