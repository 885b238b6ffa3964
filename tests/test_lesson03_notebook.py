"""Lesson 03 as committed: what its text says agrees with what its cells print.

nbval keeps the outputs true to the code; these tests keep the prose true to the outputs,
so that a change of data, split or library that moves a number cannot leave the text behind.
"""

import html
import json
import re
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "03_training_a_neuron.ipynb"
CELLS = json.loads(NOTEBOOK.read_text())["cells"]


def text(cell):
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def outputs_text(cell):
    parts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            parts.append(text({"source": output["text"]}))
        for kind in ("text/plain", "text/html"):
            if kind in output.get("data", {}):
                parts.append(text({"source": output["data"][kind]}))
    return "\n".join(parts)


MARKDOWN = "\n".join(text(c) for c in CELLS if c["cell_type"] == "markdown")
PRINTED = "\n".join(outputs_text(c) for c in CELLS if c["cell_type"] == "code")


def code_cell(snippet):
    return next(c for c in CELLS if c["cell_type"] == "code" and snippet in text(c))


def test_every_picture_has_a_description_as_its_alt_text():
    titles = {"training loss", "training accuracy"}
    pictures = 0
    for cell in CELLS:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            pictures += 1
            page = text({"source": data.get("text/html", "")})
            alts = [html.unescape(alt) for alt in re.findall(r'<img [^>]*alt="([^"]*)"', page)]
            assert alts, f"a picture without an <img alt>: {text(cell)[:60]!r}"
            for alt in alts:
                assert len(alt) > 100 and alt not in titles, alt
                assert not alt.startswith(("A neuron learning spam:", "The loss L(w) of")), alt
    assert pictures >= 4  # the tangent, the training curves, the stills of the demos


def test_the_training_plot_starts_at_epoch_0_and_its_words_are_its_alt_text():
    cell = code_cell("show_figure(fig, alt=in_words)")
    source = text(cell)
    assert "epochs = np.arange(history.epochs_run + 1)" in source
    assert "[history.initial_loss, *history.loss]" in source
    figure = next(o for o in cell["outputs"] if "image/png" in o.get("data", {}))
    alt = html.unescape(re.search(r'alt="([^"]*)"', text(
        {"source": figure["data"]["text/html"]})).group(1))
    printed = " ".join(text({"source": o["text"]}) for o in cell["outputs"] if "text" in o)
    assert " ".join(printed.split()) == alt
    assert "Two line plots over epochs 0 to 500" in alt
    # The history printed above the plot starts where the plot starts.
    history = outputs_text(code_cell("print(history)"))
    start_loss, start_accuracy = re.search(
        r"loss (\d\.\d+) -> [\d.]+, accuracy (\d\.\d+) ->", history).groups()
    assert f"{float(start_loss):.2f} at epoch 0" in alt
    assert f"{float(start_accuracy):.1%} at epoch 0" in alt


@pytest.mark.parametrize(("said", "printed"), [
    # section 1: the split and the baseline
    ("right on the 60.6% of emails that are ham", "training emails:   2,587 (39.4% spam)"),
    # section 5: conditional weights
    ("`make` alone beats always answering ham (64.0% against 60.6%)",
     "make             +0.38          -0.03                      64.0%"),
    ("`$` gets 2.89 alone, 2.65 beside `!`, 1.52 among all six", "'dollar' beside 'bang' only: +2.65"),
    ("(correlations 0.24 to 0.43)", "'money': 0.24, 'n000': 0.43"),
    # section 6: the threshold, chosen on validation emails
    ("sends 23 of the 523 real validation emails to the spam folder instead of 40",
     "     0.65      90.8%   66.8%                23"),
    ("(recall 66.8%)", "chosen threshold: 0.65"),
    # section 7: the same model
    ("(`$` 1.49 instead of 1.52)", "weights, small penalty:   [ 0.83  1.49"),
    # section 8: the test set, once
    ("about 91% of what the filter calls spam is spam",
     "at the chosen 0.65: accuracy 84.3%, precision 91.0%, recall 66.7%"),
    ("Right on about 85% of new emails at 0.5",
     "at the default 0.5: accuracy 85.6% (LogisticRegression(C=np.inf): 85.6%)"),
    # section 9: zero weights
    ("the loss is stuck at 0.6705, that of always saying 39.4% spam",
     "always saying 39.4% spam:                                            loss 0.6705"),
    ("the network learns (loss 0.348)", "two rows identical: True   loss 0.3476"),
])
def test_the_text_quotes_the_numbers_the_cells_print(said, printed):
    assert said in " ".join(MARKDOWN.split())
    assert printed in PRINTED


def test_validation_numbers_in_the_text_match_the_confusion_matrix():
    matrix = outputs_text(code_cell("matrix = confusion_matrix(y_val, y_pred)"))
    ham_right, ham_lost = map(int, re.search(r"actually ham\s+(\d+)\s+(\d+)", matrix).groups())
    assert (ham_right + ham_lost, ham_lost) == (523, 40)


def test_the_same_model_agrees_within_one_email():
    printed = outputs_text(code_cell("same_model = LogisticRegression(C=np.inf)"))
    ours, theirs = (float(x) for x in re.findall(r"validation accuracy (\d+\.\d)%", printed)[:2])
    assert abs(ours - theirs) * 863 / 100 <= 1.5
    assert "the same accuracy within one email" in MARKDOWN
    assert "LogisticRegression(C=np.inf)" in text(code_cell("same_model = LogisticRegression"))
    assert "penalty=None" not in text(code_cell("same_model = LogisticRegression"))


def test_the_test_set_is_opened_once():
    """Only section 8's cell (and the exercise's made-up data) touches the test emails."""
    after_split = [c for c in CELLS if c["cell_type"] == "code"
                   and "train_test_split(np.log1p(X)" not in text(c)]
    touching = [text(c) for c in after_split
                if re.search(r"\b[Xy]_test\b", text(c))]
    assert len(touching) == 1 and "test_baseline" in touching[0]
    sections = [text(c) for c in CELLS if text(c).startswith("## ")]
    test_section = next(i for i, s in enumerate(sections) if "The test set, once" in s)
    choosing = next(i for i, s in enumerate(sections) if "Choosing on validation" in s)
    assert choosing < test_section


def test_the_exercise_stub_says_len_y_not_a_bare_n():
    stub = text(code_cell("def gradient_step(weights, bias, X, y, lr):"))
    assert "/ len(y)" in stub and not re.search(r"/ n\b", stub)


def test_whats_next_points_at_lesson_04_and_the_hidden_layer_code_at_lesson_05():
    summary = next(text(c) for c in CELLS if text(c).startswith("## 12 · Summary"))
    assert "lesson 04, *One neuron is not enough*" in summary
    optional = next(text(c) for c in CELLS if "### Optional: two hidden neurons" in text(c))
    assert "lesson 05" in optional and "later lessons" not in MARKDOWN


def test_every_accuracy_printed_has_its_baseline_nearby():
    """Each cell that prints an accuracy of the six-feature neuron also prints (or its
    text just above names) the always-ham baseline."""
    for index, cell in enumerate(CELLS):
        if cell["cell_type"] != "code":
            continue
        printed = outputs_text(cell)
        if re.search(r"\baccuracy\s+\d+\.\d%", printed):
            nearby = printed + text(CELLS[index - 1]) + text(CELLS[index + 1])
            assert "always" in nearby and "60.6%" in nearby, text(cell)[:80]
