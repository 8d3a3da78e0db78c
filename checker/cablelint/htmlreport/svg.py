"""Inline SVG charts drawn by the project: horizontal bars and a year
timeline. Colours come from CSS classes (sev-error, sev-warning...), so the
page's stylesheet handles dark mode and print; every chart has a <title>
and <desc> and each bar its own <title> as a tooltip.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

ROW_H = 22
LABEL_W = 270
VALUE_W = 80


@dataclass
class Bar:
    """One bar: a label, segments (value, css class) drawn end to end, and
    the attributes that make it clickable (data-filter-*)."""

    label: str
    segments: list[tuple[int, str]]
    note: str = ""  # tooltip text after the label
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(v for v, _ in self.segments)


def _head(cid: str, width: int, height: int, title: str, desc: str) -> str:
    return (f'<svg class="chart" id="{escape(cid)}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-labelledby="{escape(cid)}-t {escape(cid)}-d" preserveAspectRatio="xMinYMin meet">'
            f'<title id="{escape(cid)}-t">{escape(title)}</title><desc id="{escape(cid)}-d">{escape(desc)}</desc>')


def _figure(title: str, svg: str) -> str:
    """The chart with its title shown above it (aria-hidden: the SVG's own
    <title> already names it for screen readers)."""
    return f'<figure class="fig"><figcaption aria-hidden="true">{escape(title)}</figcaption>{svg}</figure>'


def _clip(label: str, n: int = 40) -> str:
    return label if len(label) <= n else label[: n - 1] + "\u2026"


def hbars(cid: str, title: str, desc: str, bars: list[Bar], width: int = 760) -> str:
    """Horizontal bars, longest scale = the largest total."""
    height = max(1, len(bars)) * ROW_H + 8
    top = max([b.total for b in bars] + [1])
    span = width - LABEL_W - VALUE_W
    out = [_head(cid, width, height, title, desc)]
    for i, b in enumerate(bars):
        y = 4 + i * ROW_H
        attrs = "".join(f' {escape(k)}="{escape(v)}"' for k, v in b.attrs.items())
        cls = "bar clickable" if b.attrs else "bar"
        out.append(f'<g class="{cls}"{attrs} tabindex="{0 if b.attrs else -1}">'
                   f'<title>{escape(b.label)}: {b.total:,}{escape(b.note)}</title>'
                   f'<text class="label" x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end">'
                   f'{escape(_clip(b.label))}</text>')
        x = float(LABEL_W)
        for value, css in b.segments:
            w = span * value / top
            if w > 0:
                out.append(f'<rect class="{escape(css)}" x="{x:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" '
                           f'height="{ROW_H - 6}"/>')
            x += w
        out.append(f'<text class="value" x="{x + 6:.1f}" y="{y + 15}">{b.total:,}</text></g>')
    out.append("</svg>")
    return _figure(title, "".join(out))


def timeline(cid: str, title: str, desc: str, years: list[tuple[int, list[tuple[int, str]], str]],
             width: int = 900, height: int = 220) -> str:
    """Vertical bars per year, stacked by segment; years without cables are
    drawn as gaps so the time axis stays true. `years`: (year, segments,
    tooltip) sorted by year."""
    out = [_head(cid, width, height, title, desc)]
    if not years:
        out.append('<text class="label" x="10" y="30">no dated cable</text></svg>')
        return _figure(title, "".join(out))
    first, last = years[0][0], years[-1][0]
    n = last - first + 1
    left, right, bottom, top_pad = 56, 24, 24, 10
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    step = plot_w / n
    peak = max(sum(v for v, _ in segs) for _, segs, _ in years) or 1
    base = top_pad + plot_h
    out.append(f'<line class="axis" x1="{left}" y1="{base}" x2="{width - right}" y2="{base}"/>')
    for frac in (0.5, 1.0):
        y = base - plot_h * frac
        out.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>'
                   f'<text class="tick" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{round(peak * frac):,}</text>')
    label_every = max(1, round(n / 12))
    for year, segs, tip in years:
        x = left + (year - first) * step
        y = float(base)
        out.append(f'<g class="bar clickable" data-filter-year="{year}" tabindex="0"><title>{escape(tip)}</title>')
        for value, css in segs:
            h = plot_h * value / peak
            if h > 0:
                y -= h
                out.append(f'<rect class="{escape(css)}" x="{x + step * 0.1:.1f}" y="{y:.1f}" '
                           f'width="{max(step * 0.8, 1):.1f}" height="{max(h, 0.5):.1f}"/>')
        out.append("</g>")
    for year in range(first, last + 1, label_every):
        x = left + (year - first + 0.5) * step
        out.append(f'<text class="tick" x="{x:.1f}" y="{height - 6}" text-anchor="middle">{year}</text>')
    out.append("</svg>")
    return _figure(title, "".join(out))
