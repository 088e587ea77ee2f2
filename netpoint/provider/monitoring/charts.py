"""Charts drawn on the server as inline SVG: nothing is fetched from the internet and they
print as they are shown."""

import textwrap

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK, MUTED, BAR, GRID = "#1c2430", "#5d6b7a", "#0b6bcb", "#d9dee5"


def _nice_top(value: int) -> int:
    """The axis top: four equal whole-number steps of 1, 2, 5, 10, 20, 50, ... over value."""
    step = 1
    while step * 4 < value:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return step * 4


def columns(series: list[tuple[str, int]], title: str, *, width=640, height=220) -> SafeString:
    """Vertical bars, one per label (hours of the day, for instance)."""
    left, bottom, top_pad = 36, 24, 24
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    top = _nice_top(max((v for _l, v in series), default=0))
    step = plot_w / max(len(series), 1)
    parts = [_open(width, height, title)]
    for tick in range(5):
        value = top * tick // 4
        y = top_pad + plot_h - plot_h * tick / 4
        parts.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10" '
            f'fill="{MUTED}">{value}</text>'
        )
    label_every = 1 if len(series) <= 12 else 2
    for index, (label, value) in enumerate(series):
        h = plot_h * value / top
        x = left + index * step
        parts.append(
            f'<rect x="{x + step * 0.15:.1f}" y="{top_pad + plot_h - h:.1f}" '
            f'width="{step * 0.7:.1f}" height="{h:.1f}" fill="{BAR}">'
            f"<title>{escape(label)}: {value}</title></rect>"
        )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - 8}" text-anchor="middle" '
                f'font-size="10" fill="{MUTED}">{escape(label)}</text>'
            )
    return _close(parts)


# A label longer than this many characters is written on more lines, never cut.
LABEL_CHARS = 52
LINE_HEIGHT = 14


def bars(series: list[tuple[str, int]], title: str, *, width=760, row=22) -> SafeString:
    """Horizontal bars with their labels on the left (wards, kinds of violation); a long
    label wraps onto more lines and its row grows."""
    top_pad = 24
    wrapped = [textwrap.wrap(label, LABEL_CHARS) or [""] for label, _v in series]
    longest = max((len(line) for lines in wrapped for line in lines), default=10)
    label_w = min(longest * 7 + 12, LABEL_CHARS * 7 + 12)
    heights = [row + (len(lines) - 1) * LINE_HEIGHT for lines in wrapped]
    height = top_pad + (sum(heights) or row) + 8
    plot_w = width - label_w - 48
    top = max((v for _l, v in series), default=0) or 1
    parts = [_open(width, height, title)]
    y = top_pad
    for (label, value), lines, h in zip(series, wrapped, heights, strict=True):
        w = plot_w * value / top
        middle = y + h / 2
        first = middle + 4 - (len(lines) - 1) * LINE_HEIGHT / 2
        spans = "".join(
            f'<tspan x="{label_w - 6}" y="{first + n * LINE_HEIGHT:.1f}">{escape(text)}</tspan>'
            for n, text in enumerate(lines)
        )
        parts.append(
            f'<text text-anchor="end" font-size="12" fill="{INK}">{spans}</text>'
            f'<rect x="{label_w}" y="{middle - (row - 6) / 2:.1f}" width="{w:.1f}" '
            f'height="{row - 6}" fill="{BAR}"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{label_w + w + 4:.1f}" y="{middle + 4:.1f}" font-size="12" '
            f'fill="{INK}">{value}</text>'
        )
        y += h
    if not series:
        parts.append(f'<text x="8" y="{top_pad + 14}" font-size="12" fill="{MUTED}">—</text>')
    return _close(parts)


def line(series: list[tuple[str, int]], title: str, *, width=640, height=200) -> SafeString:
    """A line over time (points online, hour by hour)."""
    left, bottom, top_pad = 36, 24, 24
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    top = _nice_top(max((v for _l, v in series), default=0))
    step = plot_w / max(len(series) - 1, 1)
    parts = [_open(width, height, title)]
    for tick in range(5):
        y = top_pad + plot_h - plot_h * tick / 4
        parts.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10" '
            f'fill="{MUTED}">{top * tick // 4}</text>'
        )
    coords = [
        (left + index * step, top_pad + plot_h - plot_h * value / top)
        for index, (_label, value) in enumerate(series)
    ]
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    for index, ((label, value), (x, y)) in enumerate(zip(series, coords, strict=True)):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{BAR}">'
            f"<title>{escape(label)}: {value}</title></circle>"
        )
        if index % 3 == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" font-size="10" '
                f'fill="{MUTED}">{escape(label)}</text>'
            )
    return _close(parts)


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<text x="0" y="14" font-size="13" font-weight="600" fill="{INK}">{escape(title)}</text>'
    )


def _close(parts: list[str]) -> SafeString:
    parts.append("</svg>")
    # Every label and title above went through escape(); the rest is our own markup.
    return mark_safe("".join(parts))  # noqa: S308
