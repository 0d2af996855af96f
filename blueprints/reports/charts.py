"""Server-side SVG charts (no CDN, no script): trend lines and target bars, printable."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape

from markupsafe import Markup


def _y(value: Decimal | float, top: int, height: int, vmax: float) -> float:
    return top + height - float(value) / vmax * height


def trend_chart(title: str, labels: list[str], series: list[tuple[str, list[Decimal | None]]],
                no_data: str) -> Markup:
    """Lines of percentages (0–100) per month; gaps where a month has no data."""
    width, height, left, top, bottom = 720, 300, 44, 16, 40
    plot_w, plot_h = width - left - 200, height - top - bottom
    step = plot_w / max(1, len(labels) - 1) if len(labels) > 1 else 0
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for tick in (0, 25, 50, 75, 100):
        y = _y(tick, top, plot_h, 100)
        parts.append(f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, label in enumerate(labels):
        x = left + i * step
        parts.append(f'<text class="tick" x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">'
                     f"{escape(label)}</text>")
    any_data = False
    for n, (name, values) in enumerate(series):
        cls = f"s{n % 6}"
        points = [(left + i * step, _y(v, top, plot_h, 100)) for i, v in enumerate(values) if v is not None]
        if points:
            any_data = True
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(f'<polyline class="line {cls}" points="{path}"/>')
            for x, y in points:
                parts.append(f'<circle class="dot {cls}" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>')
        ly = top + 14 + n * 22
        parts.append(f'<rect class="key {cls}" x="{left + plot_w + 14}" y="{ly - 10}" width="14" height="14"/>')
        parts.append(f'<text class="legend" x="{left + plot_w + 34}" y="{ly + 2}">{escape(name)}</text>')
    if not any_data:
        parts.append(f'<text class="empty" x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" '
                     f'text-anchor="middle">{escape(no_data)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def target_bars(title: str, rows: list[tuple[str, Decimal | None]], no_data: str,
                fmt_pct: Callable[[Decimal], str] = lambda v: f"{v}".replace(".", ",") + " %") -> Markup:
    """Horizontal bars of realisation % of target, each under its name, with the 100 % line; capped
    display at 150 %. A long name is cut with "…" (the full name is the bar's tooltip)."""
    label_h, bar_h, gap, left, right, top = 16, 16, 10, 4, 70, 10
    width = 720
    plot_w = width - left - right
    step = label_h + bar_h + gap
    height = top * 2 + max(1, len(rows)) * step + 20
    vmax = 150.0
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    x100 = left + 100 / vmax * plot_w
    for i, (label, pct) in enumerate(rows):
        y = top + i * step
        shown_label = label if len(label) <= 95 else label[:94].rstrip() + "…"
        parts.append(f'<g><title>{escape(label)}</title>'
                     f'<text class="tick" x="{left}" y="{y + label_h - 4}">{escape(shown_label)}</text>')
        value = float(pct) if pct is not None else 0.0
        w = min(value, vmax) / vmax * plot_w
        cls = "bar over" if value > 100 else "bar"
        parts.append(f'<rect class="{cls}" x="{left}" y="{y + label_h}" width="{w:.1f}" height="{bar_h}"/>')
        shown = "–" if pct is None else fmt_pct(pct)
        parts.append(f'<text class="value" x="{left + w + 6:.1f}" y="{y + label_h + bar_h - 3}">{shown}</text></g>')
    parts.append(f'<line class="target" x1="{x100:.1f}" x2="{x100:.1f}" y1="{top - 4}" y2="{height - 24}"/>')
    parts.append(f'<text class="tick" x="{x100:.1f}" y="{height - 8}" text-anchor="middle">100 %</text>')
    if not rows:
        parts.append(f'<text class="empty" x="{width / 2}" y="{top + 14}" text-anchor="middle">{escape(no_data)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
