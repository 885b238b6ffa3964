"""Terms come after their definitions: no lesson uses a word it has not taught yet.

GLOSSARY says where each term is defined: a lesson and the id of the cell that defines it.
The test reads every notebook in notebooks/ in course order (each lesson, then its
solutions) and fails at the first use of a term before that cell. What a learner reads
counts: markdown, code and its comments, the saved outputs (with the text alternatives of
figures), and the options and feedback of every quiz question a cell shows.

The course map (00) is left out: it quotes every lesson's goals, on purpose, before any
lesson. Add the terms of a new lesson here as you write it.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from neuron_lib import quiz

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


@dataclass(frozen=True)
class Term:
    name: str
    pattern: str
    lesson: str | None  # "01"; None: taught nowhere yet, so say it in plain words
    cell: str | None = None  # the defining cell's id; None: somewhere in that lesson

    def search(self, text):
        return re.search(self.pattern, text, flags=re.IGNORECASE)


GLOSSARY = [
    # Lesson 01, section 3: training and its steps.
    Term("training", r"\btrain(ing|ed|s)?\b", "01", "f3cf6e50"),
    Term("update", r"\bupdates?\b", "01", "f3cf6e50"),
    Term("forward propagation", r"forward propagation", "01", "56b68ebd"),
    # Lesson 01, section 5: the box "Words for networks of neurons".
    Term("layer", r"\blayers?\b", "01", "7a7e455f"),
    Term("hidden layer / hidden neuron", r"\bhidden\b", "01", "7a7e455f"),
    Term("deep network", r"\bdeep\b", "01", "7a7e455f"),
    Term("symmetry", r"\bsymmetr", "01", "7a7e455f"),
    # Lesson 01, the initialisation question's feedback.
    Term("convex", r"\bconvex", "01", "17172c24"),
    # Lesson 02: the goals gloss these; section 2's box and section 3 define them.
    Term("derivative", r"\bderivatives?\b", "02", "71ec3bb7"),
    Term("saturation", r"\bsaturat", "02", "71ec3bb7"),
    Term("dead neuron", r"\bdead\b|\bdies?\b", "02", "71ec3bb7"),
    Term("f′ notation", r"f′|\bf'\s*\(|\\prime", "02", "9916b68a"),
    Term("squared error", r"squared error", "02", "62a53093"),
    Term("cross-entropy", r"cross.entropy", "02", "62a53093"),
    Term("vanishing gradient", r"vanishing gradient", "02", "9bc1e5c1"),
    Term("inactive neuron", r"\binactive\b", "02", "9bc1e5c1"),
    Term("sparse", r"\bsparse", "02", "8af45186"),
    Term("recurrent network", r"\brecurrent\b", "02", "8af45186"),
    Term("decision boundary", r"decision boundary", "02", "60010942"),
    # Lesson 03 teaches these: no earlier lesson may lean on them. Its goals name some of
    # them (the loss, the learning rate, validation emails, precision...): those are
    # taught somewhere in the lesson; the rest are taught in the cell named.
    Term("loss", r"\bloss(es)?\b", "03"),
    Term("learning rate", r"learning rate", "03"),
    Term("validation set", r"\bvalidation\b", "03"),
    Term("precision", r"\bprecision\b", "03"),
    Term("recall", r"\brecall\b", "03"),
    Term("confusion matrix", r"confusion matri", "03"),
    Term("logistic regression", r"logistic regression", "03"),
    Term("stratified split", r"\bstratif", "03", "657e03b7"),
    Term("baseline", r"\bbaseline", "03", "3580bccf"),
    Term("tangent", r"\btangents?\b", "03", "l03-slope"),
    Term("finite difference", r"finite difference", "03", "l03-slope"),
    Term("central difference", r"central difference", "03", "l03-slope"),
    Term("gradient descent", r"gradient descent", "03", "l03-descent"),
    Term("curvature", r"\bcurvature", "03", "l03-curvature"),
    Term("partial derivative", r"partial derivative", "03", "l03-chain-rule"),
    Term("chain rule", r"chain rule", "03", "l03-chain-rule"),
    Term("transpose", r"\btranspos", "03", "l03-numpy"),
    Term("relative error", r"relative error", "03", "l03-gradcheck"),
    Term("epoch", r"\bepochs?\b", "03", "l03-training"),
    Term("jitter", r"\bjitter", "03", "l03-training"),
    Term("backpropagation", r"backprop", "03", "l03-hidden"),
    # Taught nowhere: say it in words.
    Term("⟺ (if and only if)", r"⟺|\\iff\b|\\Leftrightarrow", None),
]


def reading_order():
    """(lesson number, notebook) in the order a learner meets them: each lesson, then its
    solutions; the course map left out."""
    order = []
    for lesson in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        number = lesson.name[:2]
        if number == "00":
            continue
        order.append((number, lesson))
        order += [(number, path) for path in sorted(NOTEBOOKS.glob(f"solutions/{number}_*.ipynb"))]
    return order


def _join(value):
    return "".join(value) if isinstance(value, list) else value


def _quiz_text(source):
    """Every option and feedback of each quiz question the code shows."""
    texts = []
    for name in re.findall(r"\bquiz\.(\w+)\(\)", source):
        question = getattr(quiz, name)()
        texts += [question.prompt, *(o.text + "\n" + o.feedback for o in question.options)]
    return "\n".join(texts)


def cell_text(cell):
    """What a learner reads in a cell: its source, saved outputs and quiz feedback."""
    source = _join(cell["source"])
    parts = [source]
    for output in cell.get("outputs", []):
        parts.append(_join(output.get("text", "")))
        data = output.get("data", {})
        parts.append(_join(data.get("text/plain", "")))
        parts += re.findall(r'alt="([^"]*)"', _join(data.get("text/html", "")))
    if cell["cell_type"] == "code":
        parts.append(_quiz_text(source))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def course():
    """[(lesson number, notebook name, cell id, text)] in reading order."""
    cells = []
    for number, path in reading_order():
        for cell in json.loads(path.read_text())["cells"]:
            cells.append((number, path.relative_to(NOTEBOOKS).as_posix(), cell.get("id"),
                          cell_text(cell)))
    return cells


def test_the_course_is_read_in_lesson_order():
    names = [path.relative_to(NOTEBOOKS).as_posix() for _, path in reading_order()]
    assert names.index("01_single_neuron.ipynb") < names.index(
        "solutions/01_single_neuron_solutions.ipynb") < names.index(
        "02_activation_functions.ipynb")
    assert "00_course_map.ipynb" not in names


@pytest.mark.parametrize("term", [t for t in GLOSSARY if t.cell], ids=lambda t: t.name)
def test_each_defining_cell_exists_and_uses_its_term(course, term):
    matches = [text for number, _, cell, text in course
               if number == term.lesson and cell == term.cell]
    assert matches, f"{term.name}: lesson {term.lesson} has no cell {term.cell}"
    assert term.search(matches[0]), f"{term.name}: cell {term.cell} does not mention it"


def first_use_before_definition(course, term):
    """The first (notebook, cell id, words) that uses `term` before its definition, or None."""
    for number, notebook, cell, text in course:
        if term.lesson is not None and (number > term.lesson or (
                number == term.lesson and (term.cell is None or cell == term.cell))):
            return None  # defined here: every later use is fine
        match = term.search(text)
        if match:
            return notebook, cell, match.group(0)
    return None


@pytest.mark.parametrize("term", GLOSSARY, ids=lambda t: t.name)
def test_no_term_is_used_before_it_is_defined(course, term):
    early = first_use_before_definition(course, term)
    where = (f"defined in lesson {term.lesson}" + (f", cell {term.cell}" if term.cell else "")
             if term.lesson else "taught nowhere: say it in words")
    assert early is None, (f"{early[0]}, cell {early[1]}: '{early[2]}' before it is explained "
                           f"({term.name}: {where}). Explain it there or say it more simply.")


def test_the_check_finds_a_term_used_too_early(course):
    """The check must be able to fail: lesson 01 saying "gradient descent", or using "layer"
    in a cell before the one that defines it."""
    descent = next(t for t in GLOSSARY if t.name == "gradient descent")
    changed = [(n, nb, cell, text + " Then gradient descent takes over." if cell == "0b545cfc"
                else text) for n, nb, cell, text in course]
    assert first_use_before_definition(changed, descent)[:2] == ("01_single_neuron.ipynb",
                                                                "0b545cfc")
    layer = next(t for t in GLOSSARY if t.name == "layer")
    changed = [(n, nb, cell, text + " A layer of them." if cell == "f3cf6e50" else text)
               for n, nb, cell, text in course]
    assert first_use_before_definition(changed, layer)[1] == "f3cf6e50"
    assert first_use_before_definition(course, layer) is None
