"""Start-up stays light (issue 15): importing the package, building the
command line and linting one file load no more than they use."""
from __future__ import annotations

import importlib
import pickle
import pkgutil
import subprocess
import sys

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
    from conftest import SEED

    code = (f"import os; os.environ['CABLELINT_CACHE_DIR'] = {str(tmp_path)!r}\n"
            "from cablelint.cli import main\n"
            f"main(['check', '--isolated', '--exit-zero', '-q', '-f', 'concise', {str(SEED)!r}])")
    _loaded_after(code)  # the first run builds the engine and fills the cache
    loaded = _loaded_after(code)
    assert "cablelint.engine" in loaded
    assert not {"yaml", "tomllib", "cablelint.ruleset", "cablelint.baseline",
                "xml.etree.ElementTree", "cablelint.reporters.full"} & loaded


def test_a_warm_start_compiles_none_of_the_module_level_patterns(tmp_path) -> None:
    """The pattern file the first run leaves holds every rx() pattern the
    modules compile at import, and the CLI reads it before importing them."""
    from conftest import SEED

    run = (f"import os; os.environ['CABLELINT_CACHE_DIR'] = {str(tmp_path)!r}\n"
           "from cablelint.cli import main\n"
           f"main(['check', '--isolated', '--exit-zero', '-q', '-f', 'concise', {str(SEED)!r}])")
    _loaded_after(run)
    probe = (f"from pathlib import Path\nfrom cablelint import enginecache, rx\n"
             f"enginecache.load_patterns(Path({str(tmp_path)!r}))\n"
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
