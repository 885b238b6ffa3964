#!/usr/bin/env python3
"""Write each lesson and its solutions notebook from the lesson's one source notebook.

    .venv/bin/python tools/build_lessons.py            # rewrite notebooks/ from source/
    .venv/bin/python tools/build_lessons.py --check    # only report drift, exit 1 if any
    .venv/bin/python tools/build_lessons.py source/01_single_neuron.ipynb
    .venv/bin/python tools/build_lessons.py --adopt    # take edits made in notebooks/ back

A lesson's author edits `source/NN_name.ipynb` only. It holds every cell of the lesson and
of `notebooks/solutions/NN_name_solutions.ipynb`, with no outputs, and the solutions marked
in place, as nbgrader marks them, each followed by what the learner gets instead:

    class MyNeuron:
        def __init__(self, n_inputs, rng=None):
            rng = np.random.default_rng(rng)
            ### BEGIN SOLUTION
            self.weights = rng.uniform(-1, 1, size=n_inputs)  # n_inputs numbers from U[-1, 1]
            ### END SOLUTION
            ### BEGIN STUB
            self.weights = ...  # n_inputs numbers from U[-1, 1]
            ### END STUB

The lesson gets the stub, the solutions notebook the solution; a solution block with no stub
after it is simply left out of the lesson. Marker lines stand alone (indentation aside).

Each source cell's metadata may hold a "build" entry (never copied to the notebooks):

    "in":        which notebooks get the cell: "lesson", "solutions", "graders"
                 (default ["lesson"]; "graders": only tools/export_graders.py reads it)
    "solutions": {"id": ..., "metadata": {...}}, the cell's id and metadata in the
                 solutions notebook when they differ from the lesson's
    "grade":     the cell's part in the graded exports (see tools/export_graders.py):
                 "imports", "task", "exercise", "check" (+ "points"), "hidden", "quiz"

Navigation cells and slide types come from tools/navigation.py, as for every notebook.
Outputs: a cell whose source and id are unchanged keeps its committed outputs; every other
cell is written without outputs, and this tool names the notebooks to re-execute with
`tools/run_notebooks.py` (strict nbval compares a fresh run with what is committed).
"""

import argparse
import copy
import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import navigation

SOURCES = ROOT / "source"
NOTEBOOKS = ROOT / "notebooks"
KINDS = ("lesson", "solutions", "graders")
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_STUB, END_STUB = "### BEGIN STUB", "### END STUB"
MARKERS = (BEGIN_SOLUTION, END_SOLUTION, BEGIN_STUB, END_STUB)
# "# BEGIN SOLUTION" (otter's), "## end stub": a marker mistyped, refused rather than ignored.
_NEAR_MARKER = re.compile(r"(?i)#+\s*(BEGIN|END)\s+(SOLUTION|STUB)\b")
# Written by a kernel, not by an author: kept from the committed notebook, never compared.
RUN_CELL_KEYS = ("execution_count", "outputs")
RUN_METADATA_KEYS = ("execution",)
RUN_NOTEBOOK_METADATA_KEYS = ("language_info",)


class SourceError(ValueError):
    """A source notebook that cannot be built: says which cell and what to fix."""


def cell_text(cell):
    return navigation.cell_text(cell)


def split_blocks(text, where="a cell"):
    """The code of a cell as [("shared"|"solution"|"stub", [lines])], in order.

    Raises
    ------
    SourceError
        A marker out of order (a stub not right after a solution, a block left open).
    """
    blocks, state, previous = [], "shared", None
    for number, line in enumerate(text.split("\n"), 1):
        marker = line.strip()
        if marker not in MARKERS and _NEAR_MARKER.match(marker):
            raise SourceError(
                f"{where}, line {number}: {marker!r} looks like a marker but is not one, so the "
                f"solution would reach the learner. Write exactly {BEGIN_SOLUTION}, "
                f"{END_SOLUTION}, {BEGIN_STUB} or {END_STUB}.")
        expected = {"shared": (BEGIN_SOLUTION, BEGIN_STUB), "solution": (END_SOLUTION,),
                    "stub": (END_STUB,)}[state]
        if marker in MARKERS:
            if marker not in expected or (marker == BEGIN_STUB and previous != "solution"):
                raise SourceError(
                    f"{where}, line {number}: {marker!r} is out of place. Write "
                    f"{BEGIN_SOLUTION} ... {END_SOLUTION}, then optionally "
                    f"{BEGIN_STUB} ... {END_STUB} right after it.")
            if marker in (BEGIN_SOLUTION, BEGIN_STUB):
                state = "solution" if marker == BEGIN_SOLUTION else "stub"
                blocks.append((state, []))
            else:
                previous, state = state, "shared"
            continue
        if state == "shared":
            if not blocks or blocks[-1][0] != "shared":
                blocks.append(("shared", []))
            previous = "shared" if line.strip() else previous
        blocks[-1][1].append(line)
    if state != "shared":
        raise SourceError(f"{where}: a {state} block is not closed; add "
                          f"{END_SOLUTION if state == 'solution' else END_STUB}.")
    return blocks


def has_solution(text):
    return any(line.strip() == BEGIN_SOLUTION for line in text.split("\n"))


def lesson_code(text, where="a cell"):
    """What the learner sees: each solution replaced by the stub after it (or by nothing)."""
    return "\n".join(line for kind, lines in split_blocks(text, where)
                     if kind != "solution" for line in lines)


def solution_code(text, where="a cell"):
    """The worked solution: the stubs left out."""
    return "\n".join(line for kind, lines in split_blocks(text, where)
                     if kind != "stub" for line in lines)


def solutions_path(source):
    return NOTEBOOKS / "solutions" / f"{source.stem}_solutions.ipynb"


def targets(source):
    """{kind: path} of the notebooks built from `source`."""
    return {"lesson": NOTEBOOKS / source.name, "solutions": solutions_path(source)}


def read_source(source):
    notebook = json.loads(source.read_text())
    for cell in notebook["cells"]:
        build = cell["metadata"].get("build", {})
        unknown = set(build.get("in", ["lesson"])) - set(KINDS)
        if unknown:
            raise SourceError(f"{source.name}, cell {cell.get('id')}: build.in names "
                              f"{sorted(unknown)}; use {', '.join(KINDS)}.")
        if cell["cell_type"] == "code":  # raises on a malformed marker
            split_blocks(cell_text(cell), f"{source.name}, cell {cell.get('id')}")
    return notebook


def source_cells(notebook, kind):
    """The source's cells that go into a notebook of `kind`, in order."""
    return [cell for cell in notebook["cells"]
            if kind in cell["metadata"].get("build", {}).get("in", ["lesson"])]


def _lines(text):
    return text.splitlines(keepends=True)


def built_cell(cell, kind, where):
    """The cell as the lesson or the solutions notebook holds it, without outputs."""
    build = cell["metadata"].get("build", {})
    metadata = {key: value for key, value in cell["metadata"].items() if key != "build"}
    cell_id = cell["id"]
    if kind == "solutions" and "solutions" in build:
        cell_id = build["solutions"].get("id", cell_id)
        metadata = build["solutions"].get("metadata", metadata)
    text = cell_text(cell)
    if cell["cell_type"] == "code":
        text = (lesson_code if kind == "lesson" else solution_code)(text, where)
    new = {"cell_type": cell["cell_type"], "id": cell_id, "metadata": copy.deepcopy(metadata),
           "source": text}
    if cell["cell_type"] == "code":
        new.update(execution_count=None, outputs=[])
    return new


def _with_run_results(notebook, committed):
    """Copy the committed outputs of every cell whose id and source are unchanged."""
    if committed is None:
        return [cell["id"] for cell in notebook["cells"] if cell["cell_type"] == "code"]
    old = {cell.get("id"): cell for cell in committed["cells"]}
    changed = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        previous = old.get(cell["id"])
        if previous is None or cell_text(previous) != cell_text(cell):
            changed.append(cell["id"])
            continue
        for key in RUN_CELL_KEYS:
            cell[key] = copy.deepcopy(previous.get(key))
        for key in RUN_METADATA_KEYS:
            if key in previous["metadata"]:
                cell["metadata"][key] = copy.deepcopy(previous["metadata"][key])
    for key in RUN_NOTEBOOK_METADATA_KEYS:
        if key in committed["metadata"]:
            notebook["metadata"][key] = copy.deepcopy(committed["metadata"][key])
    return changed


def build(source):
    """{path: (notebook, ids of code cells to re-execute)} for the notebooks of `source`."""
    notebook = read_source(source)
    all_lessons = navigation.lessons()
    built = {}
    for kind, path in targets(source).items():
        cells = [built_cell(cell, kind, f"{source.name}, cell {cell['id']}")
                 for cell in source_cells(notebook, kind)]
        metadata = {key: value for key, value in notebook["metadata"].items()
                    if key not in RUN_NOTEBOOK_METADATA_KEYS}
        new = {"cells": cells, "metadata": copy.deepcopy(metadata),
               "nbformat": notebook["nbformat"], "nbformat_minor": notebook["nbformat_minor"]}
        new = navigation.updated_notebook(path, all_lessons, new)
        committed = json.loads(path.read_text()) if path.exists() else None
        changed = _with_run_results(new, committed)
        for cell in new["cells"]:  # as Jupyter writes them: a list of lines
            cell["source"] = _lines(cell_text(cell))
        built[path] = (new, changed)
    return built


def _authored(notebook):
    """What an author writes (sources, ids, metadata), not what a kernel run adds."""
    cells = [(cell["cell_type"], cell.get("id"), cell_text(cell),
              {key: value for key, value in cell["metadata"].items()
               if key not in RUN_METADATA_KEYS})
             for cell in notebook["cells"]]
    metadata = {key: value for key, value in notebook["metadata"].items()
                if key not in RUN_NOTEBOOK_METADATA_KEYS}
    return cells, metadata


def differences(committed, new):
    """Readable lines naming where `committed` differs from `new` (authored content only)."""
    old_cells, old_metadata = _authored(committed)
    new_cells, new_metadata = _authored(new)
    found = []
    if old_metadata != new_metadata:
        found.append("the notebook's metadata differs")
    old_by_id = {cell[1]: cell for cell in old_cells}
    for index, cell in enumerate(new_cells):
        previous = old_by_id.get(cell[1])
        if previous is None:
            found.append(f"cell {index} (id {cell[1]}) is missing")
        elif previous != cell:
            what = [name for name, a, b in zip(("type", "id", "source", "metadata"),
                                               previous, cell) if a != b]
            found.append(f"cell {index} (id {cell[1]}) differs in its {' and '.join(what)}")
    new_ids = {cell[1] for cell in new_cells}
    found += [f"cell id {cell[1]} is not in the source" for cell in old_cells
              if cell[1] not in new_ids]
    if not found and [c[1] for c in old_cells] != [c[1] for c in new_cells]:
        found.append("the cells are in another order")
    return found


def merge_forms(lesson_text, solution_text):
    """One source cell from a lesson cell and its solutions twin: where they differ, the
    solution's lines become a solution block, followed by the lesson's as its stub."""
    stub, solution = lesson_text.split("\n"), solution_text.split("\n")
    lines, pending_stub, pending_solution = [], [], []

    def flush():
        if pending_solution or pending_stub:
            first = (pending_solution or pending_stub)[0]
            indent = first[:len(first) - len(first.lstrip())]
            lines.extend([indent + BEGIN_SOLUTION, *pending_solution, indent + END_SOLUTION])
            if pending_stub:
                lines.extend([indent + BEGIN_STUB, *pending_stub, indent + END_STUB])
            pending_stub.clear()
            pending_solution.clear()

    matcher = difflib.SequenceMatcher(None, stub, solution, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            flush()
            lines.extend(stub[i1:i2])
        else:
            pending_stub.extend(stub[i1:i2])
            pending_solution.extend(solution[j1:j2])
    flush()
    return "\n".join(lines)


def _plain_copy(cell, build=None):
    """A notebook cell as a source cell: no outputs, no run metadata, with `build`."""
    metadata = {key: value for key, value in cell["metadata"].items()
                if key not in RUN_METADATA_KEYS}
    if build:
        metadata["build"] = build
    new = {"cell_type": cell["cell_type"], "id": cell["id"], "metadata": copy.deepcopy(metadata),
           "source": cell_text(cell)}
    if cell["cell_type"] == "code":
        new.update(execution_count=None, outputs=[])
    return new


def _adopted_cell(cell, lesson_cell, solutions_cell):
    """`cell` of the source, updated from its lesson and/or solutions counterparts."""
    build = copy.deepcopy(cell["metadata"].get("build", {}))
    if lesson_cell is None or solutions_cell is None:
        where = build.get("in", ["lesson"])
        if "lesson" in where and "solutions" in where:  # now gone from one of them
            kept = "lesson" if lesson_cell is not None else "solutions"
            build["in"] = [kind for kind in where if kind in (kept, "graders")]
            build.pop("solutions", None)
        return _plain_copy(lesson_cell or solutions_cell, build)
    text, lesson_text, solution_text = (cell_text(c) for c in (cell, lesson_cell, solutions_cell))
    if not (lesson_code(text) == lesson_text and solution_code(text) == solution_text):
        if lesson_text == solution_text:
            text = lesson_text
        elif cell["cell_type"] == "code" and build.get("grade") in (None, "exercise"):
            text = merge_forms(lesson_text, solution_text)
        else:  # a check, a quiz, a task...: a solution block there would break the exports
            raise SourceError(
                f"cell {cell['id']} differs between the lesson and its solutions notebook, but "
                f"it is not an exercise ({cell['cell_type']}, build.grade = "
                f"{build.get('grade')!r}): make both copies the same, or edit the source by hand")
    build.pop("solutions", None)
    ids_differ = solutions_cell["id"] != lesson_cell["id"]
    lesson_metadata = _plain_copy(lesson_cell)["metadata"]
    solutions_metadata = _plain_copy(solutions_cell)["metadata"]
    if ids_differ or lesson_metadata != solutions_metadata:
        build["solutions"] = {"id": solutions_cell["id"], "metadata": solutions_metadata}
    new = _plain_copy(lesson_cell, build)
    new["source"] = text
    return new


def adopt(source):
    """`source` updated with the edits made straight in its lesson or solutions notebook.

    Cells are matched by id. New cells are placed after the cell that precedes them in
    their notebook; a lesson cell whose solutions twin now differs becomes an exercise
    (the differing lines a solution and its stub). Cells moved around are not followed:
    move them in the source.
    """
    old = read_source(source)
    found = {}
    for kind, path in targets(source).items():
        cells = json.loads(path.read_text())["cells"] if path.exists() else []
        found[kind] = [cell for cell in cells
                       if "navigation" not in cell["metadata"].get("tags", [])]
    by_id = {kind: {cell["id"]: cell for cell in cells} for kind, cells in found.items()}
    known = {"lesson": set(), "solutions": set()}
    for cell in old["cells"]:
        build = cell["metadata"].get("build", {})
        known["lesson"].add(cell["id"])
        known["solutions"].add(build.get("solutions", {}).get("id", cell["id"]))
    queues = {kind: list(cells) for kind, cells in found.items()}
    new_cells = []

    def take_up_to(kind, cell_id):
        """Pop `kind`'s cells up to `cell_id`; emit the new ones among them."""
        while queues[kind]:
            cell = queues[kind].pop(0)
            if cell["id"] == cell_id:
                return
            if cell["id"] not in known[kind]:
                new_cells.append(_plain_copy(
                    cell, None if kind == "lesson" else {"in": ["solutions"]}))

    for cell in old["cells"]:
        build = cell["metadata"].get("build", {})
        where = build.get("in", ["lesson"])
        if where == ["graders"]:
            new_cells.append(copy.deepcopy(cell))
            continue
        twins = {}
        for kind in ("lesson", "solutions"):
            cell_id = cell["id"] if kind == "lesson" else build.get("solutions", {}).get(
                "id", cell["id"])
            twin = by_id[kind].get(cell_id) if kind in where else None
            if twin is not None:
                take_up_to(kind, cell_id)
            twins[kind] = twin
        if twins["lesson"] or twins["solutions"]:  # else deleted from its notebooks
            new_cells.append(_adopted_cell(cell, twins["lesson"], twins["solutions"]))
    take_up_to("lesson", None)
    take_up_to("solutions", None)
    for cell in new_cells:
        cell["source"] = _lines(cell_text(cell))
    return {**old, "cells": new_cells}


def sources(arguments=()):
    if arguments:
        return [Path(argument).resolve() for argument in arguments]
    return sorted(SOURCES.glob("[0-9][0-9]_*.ipynb"))


def drift(arguments=()):
    """{notebook path: [differences]} for every built notebook that differs from its source."""
    found = {}
    for source in sources(arguments):
        for path, (notebook, _) in build(source).items():
            if not path.exists():
                found[path] = ["it does not exist"]
                continue
            lines = differences(json.loads(path.read_text()), notebook)
            if lines:
                found[path] = lines
    return found


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", help="source notebooks (default: source/*)")
    parser.add_argument("--check", action="store_true", help="only report; exit 1 on drift")
    parser.add_argument("--adopt", action="store_true",
                        help="update source/ with edits made straight in the notebooks")
    arguments = parser.parse_args(argv)
    if arguments.adopt:
        for source in sources(arguments.sources):
            try:
                text = navigation.serialise(adopt(source))
            except SourceError as error:
                print(f"{source.relative_to(ROOT)}: {error}")
                return 1
            if text != source.read_text():
                source.write_text(text)
                print(f"updated {source.relative_to(ROOT)}")
        found = drift(arguments.sources)
        for path, lines in found.items():
            print(f"still differs, edit the source by hand: {path.relative_to(ROOT)}: "
                  + "; ".join(lines))
        return 1 if found else 0
    if arguments.check:
        found = drift(arguments.sources)
        for path, lines in found.items():
            print(f"{path.relative_to(ROOT)} differs from its source: " + "; ".join(lines))
        if found:
            print("Edit source/, then run: python tools/build_lessons.py")
        else:
            print("every lesson and solutions notebook matches its source")
        return 1 if found else 0
    to_run = []
    for source in sources(arguments.sources):
        for path, (notebook, changed) in build(source).items():
            text = navigation.serialise(notebook)
            if not path.exists() or path.read_text() != text:
                path.write_text(text)
                print(f"wrote {path.relative_to(ROOT)}")
            if changed:
                to_run.append(path)
    if to_run:
        names = " ".join(str(path.relative_to(ROOT)) for path in to_run)
        print(f"Cells changed and have no outputs yet: run python tools/run_notebooks.py {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
