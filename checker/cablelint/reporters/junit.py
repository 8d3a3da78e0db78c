"""junit: JUnit XML for CI test dashboards. One testsuite; one testcase per
linted file. A file fails (one <failure> listing its findings, one per line)
only with a finding at or above --fail-on, as the exit code does, so a
dashboard never goes red (Jenkins UNSTABLE) on a run that passed; findings
below the threshold are listed in the testcase's <system-out>. A failure
of the whole run (a release review without a protect list) is one more
testcase, `cablelint run`, that fails. Built with
xml.etree, so every value is escaped."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from . import Report

NAME = "junit"
MACHINE = True  # the CLI prints the summary to stderr


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else "\ufffd" for c in text)


def render(report: Report) -> str:
    by_path = {p: list(g) for p, g in groupby(report.findings, key=lambda f: f.path)}
    paths = sorted(set(report.sources) | set(by_path))
    failing = {p for p, items in by_path.items() if any(f.severity >= report.fail_on for f in items)}
    run_failed = bool(report.failures)  # the run's own testcase (below): a dashboard with --exit-zero goes red too
    failures, tests = len(failing) + run_failed, len(paths) + run_failed
    root = ET.Element("testsuites", name="cablelint", tests=str(tests), failures=str(failures),
                      errors="0", time=f"{report.elapsed:.3f}")
    suite = ET.SubElement(root, "testsuite", name="cablelint", tests=str(tests), failures=str(failures),
                          errors="0", skipped="0", time=f"{report.elapsed:.3f}")
    if run_failed:
        case = ET.SubElement(suite, "testcase", name="cablelint run", classname="cablelint")
        text = _clean("\n".join(report.safe(e) for e in report.failures))
        ET.SubElement(case, "failure", type="error", message=text.split("\n", 1)[0]).text = text
    for p in paths:
        shown = report.path(p, relative=True)
        case = ET.SubElement(suite, "testcase", name=_clean(shown), classname="cablelint", file=_clean(shown))
        items = by_path.get(p)
        if not items:
            continue
        text = _clean("\n".join(f"{shown}:{f.line}:{f.column}: {f.severity} {f.rule} "
                                f"{report.safe(f.message)} [{f.name}]{report.fix_mark(f)}" for f in items))
        if p not in failing:
            ET.SubElement(case, "system-out").text = text
            continue
        worst = max(f.severity for f in items)
        n = len(items)
        fail = ET.SubElement(case, "failure", type=str(worst),
                             message=_clean(f"{n} finding{'s' * (n != 1)} in {shown}"))
        fail.text = text
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
