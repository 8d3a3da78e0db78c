"""The corpus report in a real browser (headless Chromium through
Playwright): the page loads without console errors, the charts are there,
filtering by a rule changes the table, sorting and paging work, a cable
view opens (with the flagged lines, or positions only without
--show-source), and dark mode applies.

Skips with a reason where Playwright or Chromium is missing;
CABLELINT_REQUIRE_BROWSER=1 (set by .ci/run) turns the skip into a failure.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cablelint.cli import main

from test_report import CABLE, SECRET_LINE  # tests/ is on sys.path (no __init__.py)

REQUIRE = "CABLELINT_REQUIRE_BROWSER"


def _skip(reason: str):
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason} ({REQUIRE}=1 makes the browser test mandatory)")
    pytest.skip(reason)


def chromium() -> str:
    for cand in (os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH"), "chromium", "chromium-browser",
                 "google-chrome"):
        found = cand and shutil.which(cand)
        if found:
            return found
    _skip("no Chromium installed (apt-get install chromium)")
    raise AssertionError  # unreachable: _skip raises


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip("playwright is not installed (pip install playwright; it uses the system Chromium)")
    exe = chromium()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def corpus_report(corpus_dir: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "corpus.html"
    assert main(["report", "--isolated", "-q", "--jobs", "2", "--show-source", str(corpus_dir), "-o", str(out)]) == 0
    return out


def open_page(browser, path: Path, dark: bool = False):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark" if dark else "light")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready]", timeout=20_000)
    return page, errors


def shown(page) -> int:
    return int(page.inner_text("#count").split(" of ")[0].replace(",", ""))


def test_corpus_report_in_a_browser(browser, corpus_report: Path) -> None:
    page, errors = open_page(browser, corpus_report)
    assert page.get_attribute("html", "data-error") is None
    charts = page.locator("svg.chart")
    assert charts.count() >= 6
    for i in range(charts.count()):
        assert (charts.nth(i).locator("title").first.text_content() or "").strip()
        assert charts.nth(i).locator("rect").count() + charts.nth(i).locator("text").count() > 0
    total = shown(page)
    assert total > 1000 and page.locator("#rows tr").count() == 100

    page.select_option("#f-rule", index=2)  # the second most frequent rule
    rule = page.eval_on_selector("#f-rule", "s => s.options[s.selectedIndex].text").split()[0]
    assert 0 < shown(page) < total
    assert set(page.locator("#rows tr td:nth-child(3)").all_inner_texts()) == {rule}

    page.click("#f-clear")
    assert shown(page) == total
    page.locator("#chart-rules g.clickable").nth(1).click()  # a bar filters by its rule
    assert page.input_value("#f-rule") != "" and shown(page) < total

    page.locator("#chart-family g.clickable").first.click()  # drafting errors, not cablelint's diagnostics
    assert page.input_value("#f-fam") != "" and 0 < shown(page) < total

    page.click("#f-clear")
    page.click('button[data-sort="sev"]')
    assert page.inner_text("#rows tr:first-child td:nth-child(4)") == "error"
    page.click('button[data-sort="sev"]')
    assert page.inner_text("#rows tr:first-child td:nth-child(4)") == "info"
    page.click("#next")
    assert page.inner_text("#page").startswith("page 2 of")

    link = page.locator("#rows a[href^='#cable=']").first
    name = link.get_attribute("title")
    link.click()
    page.wait_for_selector("#cable:not([hidden])")
    assert page.inner_text("#cable-title") == name
    assert page.locator("#findings").is_hidden()
    assert page.locator(".src .ln.hit").count() >= 1 and page.locator(".src .notes div").count() >= 1
    page.go_back()
    page.wait_for_selector("#cable[hidden]", state="attached")
    assert page.locator("#findings").is_visible()

    at = page.locator("#rows tr:first-child td:nth-child(2) a")  # line:col opens the cable at that line
    line = at.inner_text().split(":")[0]
    at.click()
    page.wait_for_selector(f"#L{line}.focus.hit")
    assert errors == []


def test_cable_view_without_source_shows_positions_only(browser, tmp_path: Path) -> None:
    (tmp_path / "04MADRID123.txt").write_text(CABLE, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", "--isolated", "-q", str(tmp_path / "04MADRID123.txt"), "-o", str(out)]) == 0
    page, errors = open_page(browser, out, dark=True)
    page.locator("#rows a[href^='#cable=']").first.click()
    page.wait_for_selector("#cable:not([hidden])")
    items = page.locator("#cable ul.positions li").all_inner_texts()
    assert items and all(" at " in i for i in items)
    assert page.locator(".src").count() == 0 and SECRET_LINE not in page.content()
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg != "rgb(255, 255, 255)"  # prefers-color-scheme: dark
    assert errors == []
