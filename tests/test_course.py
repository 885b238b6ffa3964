"""The course as a whole: navigation, course map, links and slides are current and sound."""

import html.parser
import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import navigation

ALL_NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb"))
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_navigation_course_map_readme_and_slides_are_current():
    stale = navigation.out_of_date()
    assert not stale, ("run `python tools/navigation.py`; out of date: "
                       + ", ".join(str(path.relative_to(ROOT)) for path in stale))


def test_the_check_notices_a_renamed_lesson(tmp_path, monkeypatch):
    copy = tmp_path / "course"
    shutil.copytree(ROOT / "notebooks", copy / "notebooks")
    shutil.copy(ROOT / "README.md", copy / "README.md")
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    for name, value in (("ROOT", copy), ("NOTEBOOKS", copy / "notebooks"),
                        ("COURSE_MAP", copy / "notebooks" / "00_course_map.ipynb"),
                        ("README", copy / "README.md")):
        monkeypatch.setattr(navigation, name, value)
    assert navigation.out_of_date() == {}
    lesson = copy / "notebooks" / "02_activation_functions.ipynb"
    lesson.write_text(lesson.read_text().replace("# 02 · Activation functions",
                                                 "# 02 · Activations"))
    stale = {path.name for path in navigation.out_of_date()}
    # Lesson 01 links to it, the map and the README list it, its own navigation names it.
    assert {"01_single_neuron.ipynb", "02_activation_functions.ipynb", "00_course_map.ipynb",
            "README.md"} <= stale


def test_every_lesson_states_title_time_and_goals():
    lessons = navigation.lessons()
    assert [lesson.path for lesson in lessons] == [p for p in LESSONS
                                                   if p.name != "00_course_map.ipynb"]
    for lesson in lessons:
        assert lesson.minutes > 0 and len(lesson.goals) >= 3, lesson.path.name
    course_map = (ROOT / "notebooks" / "00_course_map.ipynb").read_text()
    for lesson in lessons:
        assert f"{lesson.label}]({lesson.path.name}) · {lesson.minutes} min" in course_map


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_links_between_notebooks_resolve(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    text = "".join(navigation.cell_text(cell) for cell in cells if cell["cell_type"] == "markdown")
    links = re.findall(r"\]\(([^)#]+\.(?:ipynb|md))\)", text)
    assert links, f"{notebook.name} links to no other notebook"
    for link in links:
        assert (notebook.parent / link).resolve().exists(), f"{notebook.name}: broken link {link}"


def test_navigation_runs_in_order_through_the_lessons():
    lessons = navigation.lessons()
    for previous, following in itertools.pairwise(lessons):
        bottom = json.loads(previous.path.read_text())["cells"][-1]
        assert f"[{following.label} ›]({following.path.name})" in navigation.cell_text(bottom)
        top = json.loads(following.path.read_text())["cells"][1]
        assert f"[‹ {previous.label}]({previous.path.name})" in navigation.cell_text(top)


class SlideParser(html.parser.HTMLParser):
    """Collects the text of each innermost <section> of a reveal.js deck."""

    def __init__(self):
        super().__init__()
        self.stack, self.slides = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.stack.append({"text": "", "has_child": False, "media": 0})
            if len(self.stack) > 1:
                self.stack[-2]["has_child"] = True
        elif tag in ("img", "svg", "canvas") and self.stack:
            self.stack[-1]["media"] += 1

    def handle_endtag(self, tag):
        if tag == "section" and self.stack:
            section = self.stack.pop()
            if not section["has_child"]:
                self.slides.append(section)

    def handle_data(self, data):
        if self.stack:
            self.stack[-1]["text"] += data


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.name)
def test_each_lesson_exports_to_slides_with_no_empty_slide(notebook, tmp_path):
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "slides",
                    "--output-dir", str(tmp_path), "--log-level=ERROR", str(notebook)],
                   check=True)
    parser = SlideParser()
    parser.feed((tmp_path / f"{notebook.stem}.slides.html").read_text())
    assert len(parser.slides) > 1
    for number, slide in enumerate(parser.slides, 1):
        assert slide["text"].strip() or slide["media"], f"{notebook.name}: slide {number} is empty"


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_every_committed_figure_is_a_picture(notebook):
    """A figure output with only its text ("<Figure size ...>") means the plot was lost."""
    for index, cell in enumerate(json.loads(notebook.read_text())["cells"]):
        for output in cell.get("outputs", []):
            text = "".join(output.get("data", {}).get("text/plain", ""))
            if text.startswith("<Figure size"):
                assert "image/png" in output["data"], f"{notebook.name} cell {index}: no picture"


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_each_section_heading_starts_its_own_cell(notebook):
    """Slides start at a cell: a "##" heading in the middle of a cell would hide a section."""
    for index, cell in enumerate(json.loads(notebook.read_text())["cells"]):
        if cell["cell_type"] == "markdown":
            body = navigation.cell_text(cell).split("\n", 1)[1:] or [""]
            assert not re.search(r"^#{1,2} ", body[0], re.MULTILINE), (
                f"{notebook.name} cell {index}: split the cell before its heading")


def test_every_notebook_states_the_licences_in_its_footer():
    for notebook in ALL_NOTEBOOKS:
        footer = navigation.cell_text(json.loads(notebook.read_text())["cells"][-1])
        assert "CC BY 4.0" in footer and "MIT" in footer, notebook.name
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert (ROOT / "LICENSE-CONTENT").read_text().startswith(
        "Creative Commons Attribution 4.0 International")


def test_citation_names_the_version_and_repository_of_pyproject():
    yaml = pytest.importorskip("yaml")
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    pyproject = (ROOT / "pyproject.toml").read_text()
    version = re.search(r'^version = "([^"]+)"', pyproject, re.MULTILINE).group(1)
    assert citation["version"] == version
    assert citation["repository-code"] == navigation.repository_url()
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}
    assert citation["cff-version"] == "1.2.0" and citation["authors"]
