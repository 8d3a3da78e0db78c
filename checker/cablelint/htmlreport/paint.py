"""How fast a report opens in a browser: `python -m cablelint.htmlreport.paint REPORT.html`.

Opens the page in headless Chromium (through Playwright, with the system
browser: --chromium PATH, else PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, else
`chromium` on PATH) a few times and prints the median of the browser's own
timings: first paint and first contentful paint, DOMContentLoaded, load, and
when the findings table was ready (the page sets html[data-ready]), and
how long filtering and sorting the table and opening a cable view take. A
benchmark command, not a test: playwright is a test dependency only.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time
from pathlib import Path

TIMINGS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));
  return {first_paint: paint['first-paint'], first_contentful_paint: paint['first-contentful-paint'],
          dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
}"""


# The table's work is synchronous in its event handlers: time one filter
# (the most frequent rule), one sort (by message) and clearing both.
INTERACTION = """() => {
  const t = () => performance.now(), rule = document.getElementById('f-rule'), out = {};
  let s = t(); rule.selectedIndex = 1; rule.dispatchEvent(new Event('change')); out.filter_by_rule = t() - s;
  s = t(); document.querySelector('[data-sort="msg"]').click(); out.sort_by_message = t() - s;
  s = t(); document.getElementById('f-clear').click(); out.clear_filters = t() - s;
  return out;
}"""

# Opening a cable view: the page's hashchange handler runs first (it was
# registered first), so a listener added now fires when the view is built.
OPEN_CABLE = """() => new Promise(done => {
  const s = performance.now();
  window.addEventListener('hashchange', () => done(performance.now() - s), {once: true});
  document.querySelector('#rows a').click();
})"""


def measure(path: Path, exe: str, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    got: dict[str, list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="load", timeout=300_000)
            page.wait_for_selector("html[data-ready]", timeout=300_000)
            ready = (time.perf_counter() - start) * 1000
            found = {**page.evaluate(TIMINGS), "table_ready_wall": ready, **page.evaluate(INTERACTION),
                     "open_cable_view": page.evaluate(OPEN_CABLE)}
            for key, value in found.items():
                got.setdefault(key, []).append(value)
            page.close()
        browser.close()
    return {k: statistics.median(v) for k, v in got.items() if None not in v}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chromium", default=os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH")
                    or shutil.which("chromium") or "chromium")
    args = ap.parse_args()
    size = args.report.stat().st_size
    print(f"{args.report}: {size / 1e6:.1f} MB; median of {args.runs} loads in headless Chromium:")
    for key, ms in measure(args.report, args.chromium, args.runs).items():
        print(f"  {key:<24} {ms:8.0f} ms")


if __name__ == "__main__":
    main()
