"""The architecture, pinned (STYLE.md): the kernel is all of `intake` that the readers (`intake.ocr`)
and the understanding (`intake.classifiers`) may import, and no module imports itself back."""
from __future__ import annotations

import ast
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "intake"
KERNEL = "intake.kernel"
# What each layer may import from intake besides itself.
ALLOWED = {"intake.ocr": (KERNEL,), "intake.classifiers": (KERNEL,), KERNEL: ()}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    found = {}
    # intake/ocr and intake/classifiers are links to the top-level folders: follow them.
    for folder, _dirs, files in os.walk(PACKAGE, followlinks=True):
        for file in sorted(files):
            path = Path(folder) / file
            if path.suffix == ".py" and "training" not in path.parts:   # the route model's data generator
                found[module_name(path)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every intake module `name` imports, at any depth of the file (function-level imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                targets.add(full if full in known else base)
    return {_known_prefix(target, known) for target in targets if target.startswith("intake")} - {None, name}


def _known_prefix(target: str, known: set[str]) -> str | None:
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def layer_of(name: str) -> str:
    for layer in ALLOWED:
        if name == layer or name.startswith(layer + "."):
            return layer
    return "intake"


def test_readers_and_understanding_import_only_the_kernel_from_intake():
    wrong = []
    for name, targets in graph().items():
        layer = layer_of(name)
        if layer == "intake":
            continue
        for target in targets:
            if layer_of(target) != layer and layer_of(target) not in ALLOWED[layer]:
                wrong.append(f"{name} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_no_module_imports_itself_back():
    edges = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}        # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            # A package's __init__ re-exporting its own modules is not a cycle of modules.
            if node == target.rpartition(".")[0] and (PACKAGE.parent / node.replace(".", "/") / "__init__.py").exists():
                continue
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name)
    assert not cycles, "\n".join(" → ".join(cycle) for cycle in cycles)


def test_nothing_imports_the_top_level_folders_by_their_own_names():
    """ocr/ and classifiers/ are installed as intake.ocr and intake.classifiers only."""
    root = PACKAGE.parent
    offenders = []
    for folder in ("intake", "tests", "bench", "scripts"):
        for path in (root / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
                offenders += [f"{path.relative_to(root)}: {n}" for n in names if n.split(".")[0] in ("ocr", "classifiers")]
    assert not offenders, "\n".join(sorted(set(offenders)))


def test_modules_and_functions_stay_small():
    """STYLE.md: one job per module; no module over 400 lines, no function over 60."""
    too_long = []
    for name, path in modules().items():
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > 400:
            too_long.append(f"{name}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60:
                too_long.append(f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert not too_long, "\n".join(too_long)
