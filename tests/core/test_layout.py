"""The house rules of the layout (docs/architecture.md, "Layout" and "Adding an area").

* ``service/`` never imports the web layer (Flask, Werkzeug, any ``flask_*``, ``blueprints``).
* One package per area, with the same name in every layer: ``service/<a>/``, ``blueprints/<a>/``,
  ``templates/<a>/``, ``tests/<a>/``, ``docs/<a>.md`` (``static/js/<a>/`` when it has scripts); an
  area's files stay in its own folders; tables are defined only in ``service/<area>/models*``.
* No source file over 400 lines (migrations excepted).
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("service", "blueprints", "templates", "tests", "docs")
# Packages in service/ and blueprints/ that every area uses: not areas.
SHARED_PACKAGES = {"core", "reference", "translations"}
# Areas that lack a layer on purpose.
ABSENT_ON_PURPOSE = {
    "admin": {"service", "docs"},  # pages over accounts, reference data, settings, audit: docs/accounts.md
    "home": {"service", "docs"},  # the home page and the region picker's data: docs/architecture.md
}
SHARED_TEMPLATE_DIRS = {"errors", "print"}
GENERAL_DOCS = {"architecture", "api", "access", "glossary", "status"}
WEB_MODULES = re.compile(r"^(flask|flask_\w+|werkzeug|blueprints|wsgi)$")
TEMPLATE_REF = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")
MAX_LINES = 400
SOURCE_SUFFIXES = {".py", ".html", ".js", ".css"}
NOT_SOURCE_DIRS = {".git", ".venv", "venv", "migrations", "node_modules", "build", "dist", "instance", "__pycache__",
                   ".pytest_cache", ".ruff_cache", "out"}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _python_files(top: str) -> Iterator[Path]:
    yield from (p for p in sorted((ROOT / top).rglob("*.py")) if "__pycache__" not in p.parts)


def _packages(layer: str) -> set[str]:
    return {p.parent.name for p in (ROOT / layer).glob("*/__init__.py")}


def areas() -> set[str]:
    return (_packages("service") | _packages("blueprints")) - SHARED_PACKAGES


def _has(layer: str, area: str) -> bool:
    if layer in ("service", "blueprints"):
        return (ROOT / layer / area / "__init__.py").is_file()
    if layer == "docs":
        return (ROOT / "docs" / f"{area}.md").is_file()
    return (ROOT / layer / area).is_dir()


# ---------------------------------------------------------------- (a) the domain layer has no web imports
def test_service_never_imports_the_web_layer():
    offenders = []
    for path in _python_files("service"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            offenders += [f"{_rel(path)}:{node.lineno} imports {n}" for n in names if WEB_MODULES.match(n.split(".")[0])]
    assert offenders == []


# ---------------------------------------------------------------- (b) one package per area in every layer
def _layer_problems() -> Iterator[str]:
    known = areas()
    for area in sorted(known):
        for layer in LAYERS:
            if layer not in ABSENT_ON_PURPOSE.get(area, set()) and not _has(layer, area):
                yield f"{layer}/{area}{'.md' if layer == 'docs' else '/'} is missing"
    for path in sorted((ROOT / "templates").iterdir()):
        if path.is_dir() and path.name not in known | SHARED_TEMPLATE_DIRS:
            yield f"templates/{path.name}/ belongs to no area"
    for path in sorted((ROOT / "tests").iterdir()):
        if path.is_dir() and path.name != "__pycache__" and path.name not in known | {"core"}:
            yield f"tests/{path.name}/ belongs to no area"
    for path in sorted((ROOT / "static" / "js").iterdir()):
        if path.is_dir() and path.name not in known:
            yield f"static/js/{path.name}/ belongs to no area"
    for path in sorted((ROOT / "docs").glob("*.md")):
        if path.stem not in known | GENERAL_DOCS:
            yield f"docs/{path.name} is neither an area's document nor a general one"
    for layer in ("service", "blueprints"):
        for path in sorted((ROOT / layer).glob("*.py")):
            if path.name != "__init__.py":
                yield f"{layer}/{path.name}: no flat modules, only area packages"
    if (ROOT / "blueprints" / "api").exists():
        yield "blueprints/api/: API modules live in their area (blueprints/<area>/api.py)"


def test_every_area_has_its_package_in_every_layer():
    assert list(_layer_problems()) == []


def test_the_areas_are_the_expected_ones():
    # A guard for the rule above: it must see the areas (a broken discovery would check nothing).
    assert {"accounts", "admin", "home", "registry", "casework", "care", "disasters", "reports",
            "offline"} <= areas()


def _shared_template(name: str) -> bool:
    return name == "base.html" or ("/" not in name and name.startswith("_")) or name.split("/")[0] in SHARED_TEMPLATE_DIRS


def _template_names(path: Path) -> Iterator[tuple[int, str]]:
    """String constants (or f-strings' fixed beginnings) naming a template in a Python module."""
    tree = ast.parse(path.read_text(), str(path))
    parts = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(".html") \
                and id(node) not in parts:
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            tail = node.values[-1]
            if isinstance(tail, ast.Constant) and str(tail.value).endswith(".html"):
                yield node.lineno, str(node.values[0].value)


def test_an_area_renders_only_its_own_and_the_shared_templates():
    strays = []
    for area_dir in sorted(p for p in (ROOT / "blueprints").iterdir() if (p / "__init__.py").is_file()):
        area = area_dir.name
        for path in _python_files(f"blueprints/{area}"):
            strays += [f"{_rel(path)}:{line} renders {name}" for line, name in _template_names(path)
                       if not (name.startswith(f"{area}/") or _shared_template(name))]
    for path in sorted((ROOT / "templates").rglob("*.html")):
        name = _rel(path).removeprefix("templates/")
        area = name.split("/")[0] if "/" in name and not _shared_template(name) else None
        for ref in TEMPLATE_REF.findall(path.read_text()):
            if not (_shared_template(ref) or (area and ref.startswith(f"{area}/"))):
                strays.append(f"templates/{name} uses {ref}")
    assert strays == []


def test_tables_are_defined_in_the_areas_models():
    strays = []
    for top in ("service", "blueprints"):
        for path in _python_files(top):
            rel = _rel(path)
            if re.match(r"^service/\w+/models(\.py|/)", rel):
                continue
            for node in ast.walk(ast.parse(path.read_text(), rel)):
                table_class = isinstance(node, ast.ClassDef) and any(
                    isinstance(s, ast.Assign) and any(getattr(t, "id", None) == "__tablename__" for t in s.targets)
                    for s in node.body)
                table_call = (isinstance(node, ast.Call)
                              and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Table")
                if table_class or table_call:
                    strays.append(f"{rel}:{node.lineno}")
    assert strays == [], "tables belong in service/<area>/models.py or service/<area>/models/"


# ---------------------------------------------------------------- (c) no file over 400 lines
def _sources() -> Iterator[Path]:
    for top, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in NOT_SOURCE_DIRS and not d.endswith(".egg-info"))
        yield from (Path(top) / f for f in sorted(files) if Path(f).suffix in SOURCE_SUFFIXES)


def _line_count(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


def test_no_source_file_is_over_400_lines():
    too_long = [_rel(p) for p in _sources() if _line_count(p) > MAX_LINES]
    assert any(_rel(p) == "wsgi.py" for p in _sources())  # the walk saw the tree
    assert too_long == []
