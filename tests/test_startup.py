"""Start-up stays light (issue 15): importing the package, building the
command line and linting one file load no more than they use."""
from __future__ import annotations

import importlib
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
