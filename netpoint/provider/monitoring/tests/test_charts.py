import re

from netpoint.provider.monitoring import charts


def test_bars_are_proportional_and_labels_escaped():
    svg = charts.bars([("Phường <A>", 4), ("Phường B", 2)], "Số điểm & máy")
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert widths[0] == 2 * widths[1]
    assert "Phường &lt;A&gt;" in svg and "Số điểm &amp; máy" in svg and "<A>" not in svg


def test_columns_have_one_bar_per_hour_and_an_even_axis():
    svg = charts.columns([(f"{h:02d}", h % 7) for h in range(24)], "Phiên theo giờ")
    assert svg.count("<rect") == 24
    ticks = re.findall(r'text-anchor="end" font-size="10" fill="#5d6b7a">(\d+)<', svg)
    assert ticks == ["0", "2", "4", "6", "8"]


def test_a_line_through_every_hour():
    svg = charts.line([(f"{h:02d}", 3) for h in range(24)], "Trực tuyến")
    assert svg.count("<circle") == 24 and "<polyline" in svg


def test_an_empty_chart_still_draws():
    assert charts.bars([], "Không có").startswith("<svg")
    assert charts.columns([], "Không có").endswith("</svg>")


def test_a_long_label_is_written_whole_on_more_lines():
    long = "Máy trạm mất kết nối khi không có phiên (nghi vô hiệu hóa phần mềm khóa máy)"
    svg = charts.bars([(long, 3), ("Ngoài giờ", 1)], "Vi phạm theo loại")
    lines = re.findall(r"<tspan [^>]*>([^<]*)</tspan>", svg)
    assert " ".join(lines[:2]) == long and lines[2] == "Ngoài giờ"
    assert all(len(line) * 7 + 12 <= charts.LABEL_CHARS * 7 + 12 for line in lines)
    # The label's column is wide enough for its longest line: no line starts left of the chart.
    label_w = float(re.search(r'<tspan x="([\d.]+)"', svg).group(1)) + 6
    assert max(len(line) for line in lines) * 7 + 12 <= label_w
