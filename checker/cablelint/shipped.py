"""Where the shipped rule sets live, in a module that imports nothing of the
package: the vocabulary, the loaders and the rule snapshot all ask it, and the
snapshot must not pull in the vocabulary (which reads rule files through it)."""
from __future__ import annotations

from pathlib import Path


def rules_dir() -> Path:
    """Where the shipped rule sets live: inside the installed package
    (cablelint/rules, mapped from the top-level rules/ by pyproject), or the
    top-level rules/ of a source checkout (editable installs)."""
    here = Path(__file__).resolve().parent
    for cand in (here / "rules", here.parents[1] / "rules"):
        if (cand / "markings.yaml").is_file():
            return cand
    raise FileNotFoundError(f"cablelint: shipped rules not found beside {here}; reinstall cablelint")
