#!/usr/bin/env python3
"""Generate the course's navigation from the lessons themselves, and check it is current.

The single source is each lesson's first cell: its "# NN · Title" heading, its
"**Estimated time: N minutes.**" line and its bullet list of goals. From those this script
writes:
- the lesson list of notebooks/00_course_map.ipynb (the cell tagged "course-map");
- the course map table of README.md, between its "course-map" markers, with a Binder badge
  per lesson;
- a navigation cell at the top and at the bottom of every notebook (tagged "navigation"):
  course map, previous lesson, next lesson; solutions link back to their lesson;
- the licence line under the bottom navigation (text and figures CC BY 4.0, code MIT);
- slide metadata on every cell, for presenting (jupyterlab-slideshow's deck, nbconvert's
  reveal.js slides): each "#" or "##" heading starts a slide, "###" a sub-slide, the imports
  get a sub-slide, navigation cells are skipped, everything else follows on (slide type
  "", as JupyterLab writes it); slides scroll when they are long.

    python tools/navigation.py           # rewrite what is out of date
    python tools/navigation.py --check   # exit 1 and list what is out of date (CI)

Standard library only.
"""

import argparse
import json
import re
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
COURSE_MAP = NOTEBOOKS / "00_course_map.ipynb"
README = ROOT / "README.md"
# Where the course lives on GitHub: Binder builds from there. Set it in pyproject.toml.
REPOSITORY_KEY = "Repository"
MAP_START, MAP_END = "<!-- course-map:start -->", "<!-- course-map:end -->"
LICENCE = ("<small>*Neural Networks from Scratch*: lesson text and figures under "
           "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/), code under the MIT "
           "licence; see the repository's LICENSE and LICENSE-CONTENT files.</small>")


@dataclass(frozen=True)
class Lesson:
    path: Path
    number: str
    title: str
    minutes: int
    goals: tuple

    @property
    def label(self):
        return f"{self.number} {self.title}"


def cell_text(cell):
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def read_lesson(path):
    """Title, time and goals from a lesson's first cell; explain what is missing."""
    first = cell_text(json.loads(path.read_text())["cells"][0])
    heading = re.match(r"# (\d\d) · (.+)", first)
    minutes = re.search(r"\*\*Estimated time: (\d+) minutes\.\*\*", first)
    goals = re.search(r"you will be able to:\n\n((?:- .+\n?)+)", first)
    missing = [what for what, found in (("a '# NN · Title' heading", heading),
                                        ("'**Estimated time: N minutes.**'", minutes),
                                        ("a goals list after 'you will be able to:'", goals))
               if not found]
    if missing:
        raise SystemExit(f"{path.relative_to(ROOT)}: the first cell needs {', '.join(missing)}.")
    return Lesson(path, heading.group(1), heading.group(2).strip(), int(minutes.group(1)),
                  tuple(line[2:].strip() for line in goals.group(1).strip().splitlines()))


def lessons():
    return [read_lesson(path) for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
            if path != COURSE_MAP]


def repository_url():
    text = (ROOT / "pyproject.toml").read_text()
    match = re.search(rf'^{REPOSITORY_KEY}\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise SystemExit(f"pyproject.toml needs [project.urls] {REPOSITORY_KEY} = \"https://github.com/OWNER/REPO\".")
    return match.group(1).rstrip("/")


def binder_url(notebook=None):
    """A mybinder.org link that opens JupyterLab on `notebook` (a path from the root)."""
    owner_repo = urllib.parse.urlparse(repository_url()).path.strip("/")
    url = f"https://mybinder.org/v2/gh/{owner_repo}/HEAD"
    if notebook:
        url += "?urlpath=" + urllib.parse.quote(f"lab/tree/{notebook}", safe="")
    return url


def binder_badge(notebook=None):
    return f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({binder_url(notebook)})"


def navigation_text(path, all_lessons):
    """The navigation line of one notebook."""
    relative = "../" if path.parent != NOTEBOOKS else ""
    by_path = {lesson.path: lesson for lesson in all_lessons}
    if path == COURSE_MAP:
        first = all_lessons[0]
        return f"**Course map** · [Start with {first.label} ›]({first.path.name})"
    if path in by_path:
        index = all_lessons.index(by_path[path])
        parts = ["[Course map](00_course_map.ipynb)"]
        if index > 0:
            previous = all_lessons[index - 1]
            parts.append(f"[‹ {previous.label}]({previous.path.name})")
        parts.append(f"**{by_path[path].label}**")
        if index + 1 < len(all_lessons):
            following = all_lessons[index + 1]
            parts.append(f"[{following.label} ›]({following.path.name})")
        return " · ".join(parts)
    lesson = next((lesson for lesson in all_lessons
                   if path.name.startswith(lesson.path.stem)), None)
    if lesson is None:
        raise SystemExit(f"{path.relative_to(ROOT)}: no lesson matches this solutions notebook.")
    return (f"[Course map]({relative}00_course_map.ipynb) · "
            f"[‹ Back to {lesson.label}]({relative}{lesson.path.name})")


def markdown_cell(text, tags, cell_id):
    return {"cell_type": "markdown", "id": cell_id, "metadata": {"tags": list(tags)},
            "source": text}


def course_map_text(all_lessons):
    total = sum(lesson.minutes for lesson in all_lessons)
    lines = [f"## The lessons\n\n{len(all_lessons)} lessons, about {total} minutes in all.\n"]
    for lesson in all_lessons:
        lines.append(f"### [{lesson.label}]({lesson.path.name}) · {lesson.minutes} min\n")
        lines += [f"- {goal}" for goal in lesson.goals]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def readme_table(all_lessons):
    rows = ["| # | lesson | you will learn to | time | launch |", "|---|---|---|---|---|"]
    for lesson in all_lessons:
        notebook = lesson.path.relative_to(ROOT).as_posix()
        goals = "; ".join(goal.rstrip(".;") for goal in lesson.goals)
        rows.append(f"| {lesson.number} | [{lesson.title}]({notebook}) | {goals} | "
                    f"{lesson.minutes} min | {binder_badge(notebook)} |")
    course_map = COURSE_MAP.relative_to(ROOT).as_posix()
    return "\n".join([
        (f"The course map, [`{course_map}`]({course_map}), is where the course opens; "
         f"the whole course on Binder: {binder_badge(course_map)}"),
        "",
        *rows,
    ])


def slide_type(cell):
    if "navigation" in cell.get("metadata", {}).get("tags", []):
        return "skip"
    text = cell_text(cell).lstrip()
    if cell["cell_type"] == "markdown" and re.match(r"#{1,2} ", text):
        return "slide"
    if cell["cell_type"] == "markdown" and text.startswith("### "):
        return "subslide"
    return ""  # a continuation: what JupyterLab writes for "-"; every tool reads it so


def updated_notebook(path, all_lessons, notebook=None):
    """The notebook at `path` with current navigation, course map and slide metadata.

    `notebook`, if given, is the content to be written at `path` (tools/build_lessons.py).
    """
    notebook = json.loads(path.read_text()) if notebook is None else notebook
    cells = [cell for cell in notebook["cells"]
             if "navigation" not in cell.get("metadata", {}).get("tags", [])]
    text = navigation_text(path, all_lessons)
    cells = [cells[0], markdown_cell(text, ["navigation"], "navigation-top"), *cells[1:],
             markdown_cell(f"---\n{text}\n\n{LICENCE}", ["navigation"], "navigation-bottom")]
    if path == COURSE_MAP:
        for cell in cells:
            if "course-map" in cell.get("metadata", {}).get("tags", []):
                cell["source"] = course_map_text(all_lessons)
    first_code = next((cell for cell in cells if cell["cell_type"] == "code"), None)
    for cell in cells:
        # The imports get a sub-slide of their own, not a crowded title slide.
        kind = "subslide" if cell is first_code else slide_type(cell)
        cell["metadata"]["slideshow"] = {"slide_type": kind}
        cell["metadata"].pop("editable", None)
    notebook["cells"] = cells
    # Long slides (a demo and its text) scroll instead of being cut off.
    notebook["metadata"]["rise"] = {"scroll": True}
    return notebook


def comparable(notebook):
    """The notebook with every cell's source as one string (files store lists of lines)."""
    cells = [{**cell, "source": cell_text(cell)} for cell in notebook["cells"]]
    return {**notebook, "cells": cells}


def serialise(notebook):
    return json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def updated_readme(all_lessons):
    text = README.read_text()
    if MAP_START not in text or MAP_END not in text:
        raise SystemExit(f"README.md needs the markers {MAP_START} and {MAP_END}.")
    before, rest = text.split(MAP_START, 1)
    _, after = rest.split(MAP_END, 1)
    return f"{before}{MAP_START}\n{readme_table(all_lessons)}\n{MAP_END}{after}"


def out_of_date():
    """{path: new text} for every file whose navigation is not current."""
    all_lessons = lessons()
    stale = {}
    paths = [COURSE_MAP, *(lesson.path for lesson in all_lessons),
             *sorted((NOTEBOOKS / "solutions").glob("*.ipynb"))]
    for path in paths:
        new = updated_notebook(path, all_lessons)
        if comparable(new) != comparable(json.loads(path.read_text())):
            stale[path] = serialise(new)
    readme = updated_readme(all_lessons)
    if readme != README.read_text():
        stale[README] = readme
    return stale


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report, exit 1 if stale")
    arguments = parser.parse_args(argv)
    stale = out_of_date()
    for path, text in stale.items():
        name = path.relative_to(ROOT)
        if arguments.check:
            print(f"out of date: {name} (run python tools/navigation.py)")
        else:
            path.write_text(text)
            print(f"updated {name}")
    if arguments.check and not stale:
        print("navigation, course map and slides are current")
    return 1 if arguments.check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
