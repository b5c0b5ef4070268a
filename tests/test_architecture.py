"""The package is the layer diagram: folders are layers, imports only point down.

Read from the source with :mod:`ast` (nothing is imported), so a violation names the
module, the line and the import. Run alone with ``python -m pytest tests/test_architecture.py``.

Layers, lowest first (a module may import from a lower layer or from its own
subpackage, never from a higher layer or a sibling package of the same layer)::

    errors, _optional  <  core  <  units  <  model  <  io, rollups
    <  whopays, reconciliation  <  appraisal  <  present, datasets  <  cli, the face
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "wecb"

#: The rank of each top-level part of the package.
LAYERS: dict[str, int] = {
    "errors": 0,
    "_optional": 0,
    "_interrupt": 0,  # how `python -m wecb` treats Ctrl-C while the package loads
    "core": 1,
    "units": 2,
    "model": 3,
    "io": 4,
    "rollups": 4,
    "whopays": 5,
    "reconciliation": 5,
    "appraisal": 6,
    "present": 7,
    "datasets": 7,
    "cli": 8,
    "__main__": 9,
    "": 9,  # the face, wecb/__init__.py
}
MAX_MODULE_LINES = 600
#: Few modules exceed this; each that does is listed with the reason it stays whole.
USUAL_MODULE_LINES = 400
LONG_MODULES = {
    "wecb.core.money": "one value type: Money's arithmetic, rounding and allocation entry points",
    "wecb.core.periods": "the two period types and the one order over both",
    "wecb.core.table": "the one table kernel: Table, Column, Tabular and the text layout",
    "wecb.appraisal.present_values": "PresentValue shares the flow checks of the functions",
    "wecb.io.rows": "CSV and JSON rows: each writer beside the reader that reads it back exactly",
}
MAX_FUNCTION_LINES = 80
#: A function may be longer when the line above its ``def`` says why.
WAIVER = "# long:"


def _name_of(path: Path) -> str:
    return ".".join(("wecb", *path.relative_to(SRC).with_suffix("").parts)).removesuffix(
        ".__init__"
    )


@cache
def modules() -> dict[str, Path]:
    return {_name_of(p): p for p in sorted(SRC.rglob("*.py"))}


@cache
def tree(name: str) -> ast.Module:
    return ast.parse(modules()[name].read_text("utf-8"))


def _top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports(name: str) -> Iterator[tuple[int, str]]:
    """``(line, module)`` for every wecb module ``name`` imports, at any depth of code."""
    known = modules()
    package = name if modules()[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], *filter(None, [base])])
            if not base.startswith("wecb"):
                continue
            subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
            yield from ((node.lineno, sub) for sub in subs)
            if len(subs) < len(node.names) and base in known:
                yield node.lineno, base


def test_every_module_sits_in_a_known_layer() -> None:
    unknown = sorted(n for n in modules() if _top(n) not in LAYERS)
    assert unknown == [], f"add these to LAYERS in {__file__}: {unknown}"


def test_imports_point_down_the_layers() -> None:
    problems = []
    for name in modules():
        source = _top(name)
        for line, target in imports(name):
            dest = _top(target)
            if dest == source or name == "wecb" or target == "wecb.errors":
                continue
            if target == "wecb" and source in ("cli", "__main__"):
                continue  # the command line is the face's sibling: it reads __version__
            if LAYERS[dest] >= LAYERS[source]:
                problems.append(f"{name}:{line} imports {target} (layer {dest!r} is not below)")
    assert problems == []


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for name in modules():
        graph[name].update(t for _, t in imports(name) if t != name)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(modules()):
        if v not in index:
            visit(v)
    assert cycles == []


def test_modules_are_small() -> None:
    sizes = {n: len(p.read_text("utf-8").splitlines()) for n, p in modules().items()}
    assert {n: s for n, s in sizes.items() if s > MAX_MODULE_LINES} == {}
    long = {n for n, s in sizes.items() if s > USUAL_MODULE_LINES}
    assert long <= set(LONG_MODULES), f"split these, or say why in LONG_MODULES: {long}"


def test_long_functions_say_why() -> None:
    long = []
    for name, path in modules().items():
        lines = path.read_text("utf-8").splitlines()
        for node in ast.walk(tree(name)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            if length > MAX_FUNCTION_LINES and WAIVER not in lines[first - 2]:
                long.append(f"{name}.{node.name} ({length} lines)")
    assert long == [], f"split them, or write '{WAIVER} <reason>' on the line above"


def test_no_private_name_crosses_a_module() -> None:
    """``from wecb.x import _name`` and ``Imported._name`` are private reaches; a private
    *module* (``wecb.core._decimal``) may be imported within its package."""
    problems = []
    for name in modules():
        imported: set[str] = set()
        for node in ast.walk(tree(name)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("wecb"):
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    imported.add(alias.asname or alias.name)
                    if alias.name.startswith("_") and target not in modules():
                        problems.append(f"{name}:{node.lineno} imports {target}")
                    if (
                        target in modules()
                        and alias.name.startswith("_")
                        and _top(target) != _top(name)
                    ):
                        problems.append(f"{name}:{node.lineno} imports private {target}")
        for node in ast.walk(tree(name)):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in imported
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                problems.append(f"{name}:{node.lineno} reaches {node.value.id}.{node.attr}")
    assert problems == []


def test_numpy_only_in_private_modules() -> None:
    public = []
    for name in modules():
        if any(part.startswith("_") and part != "__init__" for part in name.split(".")):
            continue
        for node in ast.walk(tree(name)):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            numpy = any(n == "numpy" or n.startswith("numpy.") for n in names)
            if numpy and not _under_type_checking(name, node):
                public.append(f"{name}:{node.lineno}")
    assert public == []


def _under_type_checking(name: str, target: ast.AST) -> bool:
    for node in ast.walk(tree(name)):
        if (
            isinstance(node, ast.If)
            and isinstance(node.test, ast.Name | ast.Attribute)
            and "TYPE_CHECKING" in ast.unparse(node.test)
            and any(child is target for child in ast.walk(node))
        ):
            return True
    return False


@pytest.mark.parametrize("name", sorted(n for n in modules() if n.count(".") <= 1))
def test_every_name_in_all_exists(name: str) -> None:
    import importlib  # noqa: PLC0415

    module = importlib.import_module(name)
    missing = [n for n in getattr(module, "__all__", ()) if not hasattr(module, n)]
    assert missing == []


def test_the_face_shows_only_what_it_exports() -> None:
    import wecb  # noqa: PLC0415

    assert set(dir(wecb)) == set(wecb.__all__)
    for leaked in ("Any", "annotations", "importlib", "TYPE_CHECKING"):
        assert leaked not in dir(wecb)


def test_the_verbs_on_the_face_are_the_functions() -> None:
    import wecb  # noqa: PLC0415
    from wecb import appraisal, io, reconciliation, rollups, whopays  # noqa: PLC0415

    assert wecb.rollup is rollups.rollup
    assert wecb.who_pays is whopays.who_pays
    assert wecb.reconcile is reconciliation.reconcile
    assert wecb.appraise is appraisal.appraise
    assert (wecb.load, wecb.loads, wecb.save, wecb.dumps) == (io.load, io.loads, io.save, io.dumps)


#: Names a module defines again on purpose: Money documents the bounds it works in.
REDEFINED_ON_PURPOSE = {"MAX_DIGITS", "WORKING_PRECISION"}


def test_one_meaning_per_name() -> None:
    """No public name (class, function, constant, type alias) is defined in two modules."""
    homes: dict[str, list[str]] = defaultdict(list)
    for name in modules():
        for node in tree(name).body:
            if isinstance(node, ast.ClassDef | ast.FunctionDef):
                defined = [node.name]
            elif isinstance(node, ast.Assign):
                defined = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                defined = [node.target.id]
            else:
                defined = []
            for symbol in defined:
                if not symbol.startswith("_") and symbol not in REDEFINED_ON_PURPOSE:
                    homes[symbol].append(name)
    assert {s: m for s, m in homes.items() if len(m) > 1} == {}


def _classes() -> dict[str, list[ast.ClassDef]]:
    """Every class defined in wecb, by name (a private name may be defined twice)."""
    found: dict[str, list[ast.ClassDef]] = defaultdict(list)
    for name in modules():
        for node in ast.walk(tree(name)):
            if isinstance(node, ast.ClassDef):
                found[node.name].append(node)
    return found


def _bases(node: ast.ClassDef) -> list[str]:
    return [
        base.id if isinstance(base, ast.Name) else base.attr
        for base in node.bases
        if isinstance(base, ast.Name | ast.Attribute)
    ]


def _method(node: ast.ClassDef, method: str) -> ast.FunctionDef | None:
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef) and statement.name == method:
            return statement
    return None


def _results() -> list[tuple[ast.ClassDef, list[ast.ClassDef]]]:
    """Each class deriving from ``wecb.core.table.Tabular`` (a result), with its bases in
    wecb that derive from it too, nearest first."""
    classes = _classes()

    def lineage(node: ast.ClassDef, seen: frozenset[str]) -> list[ast.ClassDef] | None:
        """``node`` and its Tabular bases, or None when it does not derive from Tabular."""
        chain: list[ast.ClassDef] | None = None
        for base in _bases(node):
            if base == "Tabular":
                chain = chain or []
            for parent in classes.get(base, []) if base not in seen else []:
                above = lineage(parent, seen | {base})
                if above is not None:
                    chain = [*(chain or []), *above]
        return None if chain is None else [node, *chain]

    found = []
    for nodes in classes.values():
        for node in nodes:
            chain = lineage(node, frozenset({node.name}))
            if chain is not None:
                found.append((node, chain[1:]))
    return found


def test_every_result_states_its_assumptions() -> None:
    """Every result (a class deriving from ``Tabular``) defines ``assumptions``, itself or in
    a base deriving from ``Tabular``, so a new result cannot forget to state them (the
    contract in :mod:`wecb.core.assumptions`)."""
    results = _results()
    names = {node.name for node, _ in results}
    assert {"Appraisal", "Rollup", "Reconciliation", "CohortProfile", "ScaleUp"} <= names
    silent = sorted(
        node.name
        for node, bases in results
        if not any(_method(c, "assumptions") for c in (node, *bases))
    )
    assert silent == [], f"define assumptions() on these results: {silent}"


def test_every_result_gives_its_rows_with_its_assumptions() -> None:
    """A result's ``rows()`` (where it has one) is annotated to return ``ResultRows``, the
    rows that carry its assumptions into every export."""
    plain = []
    for node, bases in _results():
        for cls in (node, *bases):
            rows = _method(cls, "rows")
            if rows is not None:
                returns = ast.unparse(rows.returns) if rows.returns else "nothing"
                if returns != "ResultRows":
                    plain.append(f"{cls.name}.rows -> {returns}")
                break
    assert plain == [], f"return ResultRows(rows, assumptions=self.assumptions()): {plain}"
