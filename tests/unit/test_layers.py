"""The layers point down: every module's imports, read with `ast`, against the rules of DESIGN.md.

`bot` < `store` < `inbound`, `outbound` (never each other) < `referral_bot`; `bot` uses the standard library
only; nothing but `referral_bot` itself, the tests and the benchmarks imports `referral_bot`, and the product
never imports the tests or the benchmarks. Inside one package no two modules import each other, directly or
round a loop.

Every import counts, wherever it is: one inside a function or under `if TYPE_CHECKING:` still couples the two
modules (and is how a cycle usually hides).
"""
from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("bot", "store", "inbound", "outbound", "referral_bot")
PACKAGES = (*PRODUCT, "benchmarks", "tests")
SKIPPED = ("store/migrations/versions",)  # generated revisions: they import alembic and sqlalchemy only

# Import cycles inside one package that are known and being removed; each entry is the set of modules of one
# cycle. When a change removes one, `test_known_cycles_are_still_cycles` fails until its entry is deleted, so
# this list only shrinks. The aim is an empty list.
KNOWN_CYCLES: list[frozenset[str]] = []


@dataclass(frozen=True)
class Import:
    importer: str   # the importing module, e.g. "store.billing"
    imported: str   # the module imported, e.g. "outbound.senders" (or a third-party name, e.g. "sqlalchemy")
    line: int

    @property
    def where(self) -> str:
        return f"{self.importer} (line {self.line}) imports {self.imported}"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files() -> Iterator[Path]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if not any(path.relative_to(ROOT).as_posix().startswith(skip) for skip in SKIPPED):
                yield path


MODULES = {module_name(path): path for path in source_files()}


def resolve(name: str) -> str:
    """`from store import geo` names the module store.geo; `from store.geo import distance` names store.geo."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(importer: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = absolute(node, importer, path.name == "__init__.py")
            names = [f"{module}.{alias.name}" for alias in node.names] if module in MODULES or any(
                m.startswith(module + ".") for m in MODULES) else [module]
        else:
            continue
        for name in names:
            if name.split(".")[0] != "__future__":
                yield Import(importer, resolve(name), node.lineno)


ALL_IMPORTS = [found for importer, path in MODULES.items() for found in imports_of(importer, path)]


def package(module: str) -> str:
    return module.split(".")[0]


def breaks_a_rule(found: Import) -> str | None:
    """Why this import points the wrong way, or None."""
    source, target = package(found.importer), package(found.imported)
    if source == target:
        return None
    if source == "bot" and target not in sys.stdlib_module_names:
        return "bot imports only the standard library and bot"
    if source == "store" and target in ("inbound", "outbound", "referral_bot"):
        return "store imports nothing above it"
    if {source, target} == {"inbound", "outbound"}:
        return "inbound and outbound never import each other"
    if target == "referral_bot" and source not in ("tests", "benchmarks"):
        return "only referral_bot itself, the tests and the benchmarks import referral_bot"
    if source in PRODUCT and target in ("tests", "benchmarks"):
        return "the product never imports the tests or the benchmarks"
    return None


def test_the_rules_see_every_package_and_their_imports():
    """A guard on the guard: the walk found each package and the imports a rule would catch if broken."""
    assert {package(m) for m in MODULES} == set(PACKAGES)
    assert any(f.importer.startswith("store.") and f.imported.startswith("bot.") for f in ALL_IMPORTS)
    assert breaks_a_rule(Import("store.x", "outbound.senders", 1))
    assert breaks_a_rule(Import("bot.x", "sqlalchemy", 1))
    assert breaks_a_rule(Import("inbound.x", "referral_bot.cli", 1))
    assert not breaks_a_rule(Import("tests.x", "referral_bot.cli", 1))


def test_imports_point_down_the_layers():
    wrong = [f"{found.where}: {why}" for found in ALL_IMPORTS if (why := breaks_a_rule(found))]
    assert wrong == [], "imports that point up the layers (DESIGN.md)"


def cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_cycles_finds_a_loop_and_only_the_loop():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [frozenset({"a", "b", "c"})]
    assert cycles({"a": {"b"}, "b": set()}) == []


def package_cycles() -> list[frozenset[str]]:
    edges: dict[str, set[str]] = {module: set() for module in MODULES}
    for found in ALL_IMPORTS:
        if package(found.importer) == package(found.imported) and found.imported in MODULES:
            edges[found.importer].add(found.imported)
    return cycles(edges)


def test_no_import_cycles_inside_a_package():
    new = sorted(sorted(c) for c in package_cycles() if c not in KNOWN_CYCLES)
    assert new == [], "modules that import each other, directly or round a loop"


def test_known_cycles_are_still_cycles():
    """A cycle that is gone leaves KNOWN_CYCLES: delete its entry (so the list only ever shrinks)."""
    present = package_cycles()
    gone = [sorted(known) for known in KNOWN_CYCLES if known not in present]
    assert gone == [], "no longer a cycle (or a different one now): update KNOWN_CYCLES in tests/unit/test_layers.py"
