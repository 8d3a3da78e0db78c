"""Start-up stays light (issue 15): importing the package, building the
command line and linting one file load no more than they use."""
from __future__ import annotations

import importlib
import pathlib
import pickle
import pkgutil
import subprocess
import sys

import pytest

import cablelint
import cablelint.reporters as reporters


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_the_package_imports_nothing_heavy_and_keeps_its_api() -> None:
    loaded = _loaded_after("import cablelint")
    assert not {"cablelint.api", "cablelint.engine", "yaml", "regex"} & loaded
    loaded = _loaded_after("from cablelint import lint_text, Finding; assert callable(lint_text)")
    assert "cablelint.api" in loaded


def test_the_command_line_is_built_without_reporters_or_protect_lists() -> None:
    loaded = _loaded_after("from cablelint.cli import build_parser; build_parser()")
    assert not {"xml.etree.ElementTree", "cablelint.reporters.junit", "cablelint.reporters.sarif",
                "cablelint.protect", "cablelint.baseline", "yaml", "tomllib"} & loaded


def test_every_format_module_is_listed() -> None:
    found = {}
    for info in pkgutil.iter_modules(reporters.__path__):
        mod = importlib.import_module(f"{reporters.__name__}.{info.name}")
        if hasattr(mod, "NAME") and hasattr(mod, "render"):
            found[mod.NAME] = info.name
    assert found == reporters.FORMATS
    assert reporters.names() == sorted(found)


def test_a_warm_one_file_run_loads_neither_the_rule_loader_nor_yaml(tmp_path) -> None:
    import shutil

    from conftest import SEED

    cable = tmp_path / SEED.name
    shutil.copy(SEED, cable)
    code = (f"import os; os.environ['CABLELINT_CACHE_DIR'] = {str(tmp_path / 'cache')!r}\n"
            "from cablelint.cli import main\n"
            f"main(['check', '--isolated', '--exit-zero', '-q', '-f', 'concise', {str(cable)!r}])")
    loaded = _loaded_after(code)  # the first run builds the engine and fills the cache
    assert "cablelint.ruleset" in loaded  # built, from the shipped snapshot: the rule files are not parsed
    assert not {"yaml", "cablelint.yamlparse"} & loaded
    with open(cable, "a", encoding="utf-8") as fh:
        fh.write("\n")  # changed: linted again, by the engine from its cache
    loaded = _loaded_after(code)
    assert "cablelint.engine" in loaded
    assert not {"yaml", "tomllib", "cablelint.ruleset", "cablelint.baseline", "cablelint.protect", "cablelint.yamltree",
                "cablelint.pages",  # page-marked documents only (capco, cui shapes), the seed is a cable
                "xml.etree.ElementTree", "cablelint.reporters.full"} & loaded  # no protect list given
    loaded = _loaded_after(code)  # unchanged: the result cache answers, no engine, no parser
    assert not {"cablelint.engine", "cablelint.parse", "cablelint.session", "yaml", "cablelint.ruleset",
                "cablelint.document", "colorama", "ctypes", "subprocess", "json",
                "regex", "cablelint.rx", "cablelint.autofix", "cablelint.rule",  # no pattern is needed
                "dataclasses", "inspect", "_hashlib", "cablelint.source"} & loaded  # ~20 ms of a 80 ms budget
    assert "cablelint.quickcheck" in loaded


def test_a_run_the_result_cache_answers_loads_only_what_it_uses(tmp_path) -> None:
    """Without `site` (whose .pth files may load typing, pathlib or shutil for
    their own needs), a warm unchanged one-file run loads none of the
    standard modules it has no use for: each costs milliseconds of an 80 ms
    budget (issue 15)."""
    import shutil

    from conftest import SEED

    cable = tmp_path / SEED.name
    shutil.copy(SEED, cable)
    code = (f"import os, sys; sys.path[:0] = {[str(pathlib.Path(cablelint.__file__).parents[1]), *sys.path]!r}\n"
            f"os.environ['CABLELINT_CACHE_DIR'] = {str(tmp_path / 'cache')!r}\n"
            "from cablelint.cli import main\n"
            f"main(['check', '--isolated', '--exit-zero', '-q', '-f', 'concise', {str(cable)!r}])\n"
            "print('\\n'.join(sys.modules))")

    def loaded() -> set[str]:
        return set(subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True,
                                  check=True).stdout.split())

    assert "cablelint.engine" in loaded()  # the first run fills the caches
    got = loaded()
    assert "cablelint.quickcheck" in got and "cablelint.engine" not in got
    assert not {"typing", "dataclasses", "inspect", "datetime", "copy", "shutil", "hashlib", "_hashlib", "hmac",
                "regex", "yaml", "json", "tempfile", "zlib"} & got
    with open(cable, "a", encoding="utf-8") as fh:
        fh.write("\n")  # changed: the engine lints it, its report still written without a spool file
    got = loaded()
    assert "cablelint.engine" in got and not {"yaml", "tempfile", "shutil", "hashlib", "_hashlib", "json"} & got


def test_a_warm_start_compiles_none_of_the_module_level_patterns(tmp_path) -> None:
    """The pattern file the first run leaves holds every rx() pattern the
    modules compile at import, and the CLI reads it before importing them."""
    import shutil

    from conftest import SEED

    cable = tmp_path / SEED.name
    shutil.copy(SEED, cable)
    run = (f"import os; os.environ['CABLELINT_CACHE_DIR'] = {str(tmp_path / 'cache')!r}\n"
           f"open({str(cable)!r}, 'a').write('\\n')  # changed: linted, not answered from the result cache\n"
           "from cablelint.cli import main\n"
           f"main(['check', '--isolated', '--exit-zero', '-q', '-f', 'concise', {str(cable)!r}])")
    _loaded_after(run)
    probe = (f"from pathlib import Path\nfrom cablelint import enginecache, rx\n"
             f"enginecache.load_patterns(Path({str(tmp_path / 'cache')!r}))\n"
             "import cablelint.session, cablelint.reporters.concise, cablelint.reporters.full\n"
             "assert rx.compiled() and not rx.any_new(), sorted(set(rx.compiled()) - set(rx.known()))[:3]")
    _loaded_after(probe)
    # and the CLI reads it first: the parser's modules load after the preload
    order = _loaded_after("import sys, cablelint.enginecache as e\n"
                          "load = e.load_patterns\n"
                          "calls = []\n"
                          "def spy(root):\n"
                          "    calls.append(root)  # the first call reads the file; later ones are no-ops\n"
                          "    if len(calls) == 1 and 'cablelint.parse' in sys.modules:  # main() would swallow an assert\n"
                          "        sys.modules['parser-before-patterns'] = sys\n"
                          "    load(root)\n"
                          "e.load_patterns = spy\n" + run)
    assert "cablelint.parse" in order and "parser-before-patterns" not in order


def test_a_damaged_or_foreign_pattern_file_is_ignored(tmp_path, capsys) -> None:
    from conftest import SEED

    from cablelint import cache, enginecache
    from cablelint.cli import main

    argv = ["check", "--isolated", "--exit-zero", "-q", "-f", "concise", "--cache-dir", str(tmp_path), str(SEED)]
    assert main(argv) == 0
    cold = capsys.readouterr().out
    path = enginecache._patterns_file(tmp_path)
    assert path.is_file()
    for blob in (b"garbage", pickle.dumps({("x", 0): "not a pattern", 3: 4}), pickle.dumps([1, 2])):
        path.write_bytes(blob)
        enginecache._LOADED.discard(tmp_path)
        enginecache.load_patterns(tmp_path)  # no error, nothing odd preloaded
        assert main(argv) == 0
        assert capsys.readouterr().out == cold
    assert cache.code_stamp()[:32] in path.name


QUICK_CABLE = """S E C R E T ROME 000{n:03d}

E.O. 12958: DECL: 03/04/2016
TAGS: PREL IT
SUBJECT: (C) A TEST OF THE QUICK PATH

Classified By: DCM A. Person for reasons 1.4 (b) and (d)

1. (C) Summary: the first paragraph.

3. The third paragraph, unmarked.
"""


def _normalised(text: str) -> str:
    import re

    return re.sub(r"\d+\.\d+", "T", text)  # elapsed times


@pytest.mark.parametrize("extra", [[], ["-f", "json"], ["-f", "json-lines"], ["-f", "github"], ["-f", "grouped"],
                                   ["-f", "junit"], ["-f", "full", "--show-source"], ["--statistics"],
                                   ["--min-severity", "warning"], ["--fail-on", "info"], ["-q"],
                                   ["--select", "CL2", "--ignore", "CL201"], ["--show-files"]])
@pytest.mark.parametrize("folder", [False, True])
def test_a_run_the_result_cache_answers_whole_reports_as_the_full_run(tmp_path, capsys, monkeypatch,
                                                                      extra, folder) -> None:
    """Files unchanged since the last run are reported from the cache without
    the engine (quickcheck.py), exactly as the full run reports them; named
    or found in a folder (skipped files and folders noted as the walk does)."""
    from cablelint import session
    from cablelint.cli import main

    files = []
    for n in range(3):
        p = tmp_path / "in" / ("sub" if n == 2 else "") / f"c{n}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(QUICK_CABLE.format(n=n), encoding="utf-8")
        files.append(str(p))
    (tmp_path / "in" / "notes.md").write_text("not linted: another extension\n", encoding="utf-8")
    (tmp_path / "in" / "node_modules").mkdir()
    (tmp_path / "in" / "node_modules" / "x.txt").write_text(QUICK_CABLE.format(n=9), encoding="utf-8")
    argv = ["check", "--isolated", *extra, *([str(tmp_path / "in")] if folder else files)]
    code_full = main([*argv, "--no-cache"])
    full = capsys.readouterr()
    cached = [*argv, "--cache-dir", str(tmp_path / "cache")]
    assert main(cached) == code_full  # fills the caches
    capsys.readouterr()

    def no_engine(*a, **k):
        raise AssertionError("the engine was built for a run the cache answers")

    monkeypatch.setattr(session.Session, "build", classmethod(no_engine))
    assert main(cached) == code_full
    quick = capsys.readouterr()
    assert _normalised(quick.out) == _normalised(full.out)
    assert _normalised(quick.err) == _normalised(full.err)


@pytest.mark.parametrize("extra", [["--show-matches"], ["-f", "sarif"], ["--protect", "{protect}"], ["--diff"],
                                   ["--exclude", "nothing", "{folder}"], ["{many}"]])
def test_a_run_the_cache_cannot_answer_alone_goes_through_the_engine(tmp_path, capsys, monkeypatch, extra) -> None:
    from cablelint import quickcheck, session
    from cablelint.cli import main

    if extra == ["{many}"]:  # more files than the quick path takes: the streamed run keeps memory flat
        monkeypatch.setattr(quickcheck, "QUICK_MAX_FILES", 0)
        extra = []

    (tmp_path / "names.txt").write_text("Nobody Atall\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    p = tmp_path / "in" / "c.txt"
    p.write_text(QUICK_CABLE.format(n=1), encoding="utf-8")
    extra = [e.format(protect=tmp_path / "names.txt", folder=tmp_path / "in") for e in extra]
    if "nothing" in extra:  # a folder whose walk meets a nearer configuration: that file's own session
        (tmp_path / "in" / "sub").mkdir()
        (tmp_path / "in" / "sub" / "c2.txt").write_text(QUICK_CABLE.format(n=2), encoding="utf-8")
        (tmp_path / "in" / "sub" / ".cablelint.yaml").write_text("min-severity: error\n", encoding="utf-8")
        isolated = []
        monkeypatch.chdir(tmp_path)  # no configuration above but the nested one
    else:
        isolated = ["--isolated"]
    argv = ["check", *isolated, "--exit-zero", "--cache-dir", str(tmp_path / "cache"), *extra, str(p)]
    main(argv)
    main(argv)
    capsys.readouterr()
    built = []
    real = session.Session.build.__func__

    def spy(cls, *a, **k):
        built.append(1)
        return real(cls, *a, **k)

    monkeypatch.setattr(session.Session, "build", classmethod(spy))
    main(argv)
    assert built


def test_a_changed_rule_file_or_a_damaged_brief_is_never_answered_from_the_cache(tmp_path, capsys) -> None:
    import shutil

    from cablelint.cli import main
    from cablelint.ruleset import rules_dir

    house = tmp_path / "house.yaml"
    shutil.copy(rules_dir() / "state.yaml", house)
    p = tmp_path / "c.txt"
    p.write_text(QUICK_CABLE.format(n=1), encoding="utf-8")
    root = tmp_path / "cache"
    argv = ["check", "--isolated", "--exit-zero", "-f", "concise", "--rules", str(house), "--cache-dir", str(root),
            str(p)]
    main(argv)
    before = capsys.readouterr().out
    assert "CL" in before
    for brief in (root / "briefs").iterdir():
        brief.write_bytes(b"torn")
    main(argv)
    assert _normalised(capsys.readouterr().out) == _normalised(before)
    house.write_text(house.read_text(encoding="utf-8").replace("severity: error", "severity: info"), encoding="utf-8")
    main(argv)
    after = capsys.readouterr().out
    assert after != before and " error " not in after


def test_a_pyproject_that_never_names_cablelint_is_not_parsed(tmp_path) -> None:
    """Most projects' pyproject.toml has no [tool.cablelint]: a text test skips
    it without importing tomllib (~5 ms of every one-file run there)."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n[tool.black]\nline-length = 99\n',
                                            encoding="utf-8")
    code = (f"import os; os.chdir({str(tmp_path)!r})\n"
            "from cablelint.config import find_config\nassert find_config() is None")
    assert "tomllib" not in _loaded_after(code)
    (tmp_path / "pyproject.toml").write_text('[tool.cablelint]\nselect = ["CL1"]\n', encoding="utf-8")
    assert "tomllib" in _loaded_after(code.replace("is None", "is not None"))


def test_the_engine_cache_holds_no_stdlib_pattern() -> None:
    """A compiled `re` pattern pickles as its text and is compiled again each
    time a warm run loads the engine (damage_loss.Dropped did: ~3 ms a run);
    `regex` patterns pickle compiled."""
    import io

    from cablelint import enginecache
    from cablelint.api import make_engine

    asked: set[tuple[str, str]] = set()

    class Spy(pickle.Unpickler):
        def find_class(self, module: str, name: str):
            asked.add((module, name))
            return super().find_class(module, name)

    Spy(io.BytesIO(enginecache._dumps(([], make_engine())))).load()
    assert ("cablelint.engine", "Engine") in asked
    assert not {m for m, _ in asked} & {"re", "_sre", "cablelint.yamltree"}


def test_the_plain_value_classes_behave_as_the_dataclasses_they_replace() -> None:
    """Selection, Example, Prefiltered, Item and Hit are written out (a
    @dataclass's methods are compiled at every import): equality, repr,
    fresh defaults, pickling."""
    import regex

    from cablelint.checks import Hit
    from cablelint.document import Span
    from cablelint.prefilter import Prefiltered
    from cablelint.target_items import Item
    from cablelint.rule import Example
    from cablelint.selection import Selection

    for value in (Selection(select=["CL1"]), Example("bad", "text", line=3)):
        assert pickle.loads(pickle.dumps(value)) == value
    back = pickle.loads(pickle.dumps(Prefiltered(regex.compile("ab"), ("ab",), head="a")))  # (patterns compare by identity)
    assert (back.rx.pattern, back.needles, back.folded, back.head, back.encoded) == ("ab", ("ab",), False, "a", ())
    assert Selection() == Selection([], [], [], {}) != Selection(ignore=["CL2"])
    assert Selection().select is not Selection().select and Example("good", "t").options is not Example("good", "t").options
    assert repr(Example("bad", "t")) == "Example(kind='bad', text='t', line=None, source_line=0, options={})"
    assert Item("v", Span(1, 2)) == Item("v", Span(1, 2), None, "") != Item("v", Span(1, 3))
    assert repr(Hit(Span(0, 1))) == "Hit(span=Span(start=0, end=1), values={}, related=[])"
    assert Hit(Span(0, 1)).values is not Hit(Span(0, 1)).values
    pre = Prefiltered(regex.compile("ab"), ("ab",))
    assert hash(pre) == hash(Prefiltered(pre.rx, ("ab",))) and pre.search("xaby") is not None  # the pattern's methods
    with pytest.raises(AttributeError):
        pre.needles = None
