"""The floors of plugins/ hold: the contributions kernel works without Pelican (`make check`, the bridge), the
rest of the code reaches it through its facade only, and the speed machinery knows nothing of what it speeds."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PLUGINS = REPO / "plugins"


def _imported_modules(path: Path) -> list[str]:
    """Every module a file imports, relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PLUGINS).parent.parts) if path.is_relative_to(PLUGINS) else ""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.append(f"{base}.{node.module}" if node.module else base)
            else:
                found.append(node.module)
    return found


def _python_files(*folders: Path) -> list[Path]:
    return [path for folder in folders for path in sorted(folder.rglob("*.py"))]


def test_the_kernel_and_make_check_load_without_pelican():
    """Every module of the kernel imports with Pelican made unimportable."""
    modules = [
        ".".join(path.relative_to(PLUGINS).with_suffix("").parts).removesuffix(".__init__")
        for path in _python_files(PLUGINS / "contributions")
    ]
    program = "import importlib, sys\nsys.modules['pelican'] = None\n" + "".join(
        f"importlib.import_module({module!r})\n" for module in modules
    )
    result = subprocess.run(
        [sys.executable, "-c", program], env={"PYTHONPATH": str(PLUGINS)}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert len(modules) > 20


def _imports(paths: list[Path], wanted) -> list[str]:
    """'file: module' for each import of `paths` that `wanted(module)` picks out."""
    return [
        f"{path.relative_to(REPO)}: {module}" for path in paths for module in _imported_modules(path) if wanted(module)
    ]


def test_outside_the_kernel_only_its_facade_is_imported():
    """Other plugins and the bridge import `contributions`, never a module inside it: the kernel's folders can
    change without breaking them. `python -m contributions.check` is a command, not an import."""
    outside = [
        path
        for path in _python_files(
            PLUGINS,
            REPO / "bridge",
            REPO / "bench",
            REPO / "importing",
            REPO / "network",
            REPO / "federation",
            REPO / "emailing",
        )
        if not path.is_relative_to(PLUGINS / "contributions")
    ]
    assert _imports(outside, lambda module: module.startswith("contributions.")) == []


def test_the_speed_machinery_knows_nothing_of_what_it_speeds():
    site_parts = ("contributions", "publishing", "agenda", "feeds", "places", "playlists", "stories", "interface")
    speed = _python_files(PLUGINS / "speed")
    assert _imports(speed, lambda module: module.split(".")[0] in site_parts) == []


def test_the_kernel_does_not_import_the_plugins_built_on_it():
    later = ("publishing", "agenda", "feeds", "places", "playlists", "stories", "interface", "bridge")
    kernel = _python_files(PLUGINS / "contributions")
    assert _imports(kernel, lambda module: module.split(".")[0] in later) == []


def test_the_readme_map_names_modules_that_exist():
    """A newcomer follows the README's "Layout" from module to module: each one it names is there."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") : readme.index("How the plugins meet")]
    named = set(re.findall(r"`((?:plugins/|bridge/|theme/)?[\w/]+\.(?:py|html))`", layout))
    roots = (REPO, PLUGINS, PLUGINS / "contributions")
    missing = [name for name in sorted(named) if not any((root / name).exists() for root in roots)]
    assert len(named) > 20
    assert missing == []
