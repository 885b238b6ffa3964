"""Multiple-choice questions with feedback for every option, right or wrong.

A question shows as a widget: the question, one button per option, and the feedback for the
option clicked. Without a kernel it shows as text. Tests call :meth:`Question.answer`.
"""

import html
import numbers
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from ..style import RIGHT, WRONG

__all__ = ["LETTERS", "Option", "Question"]

LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class Option:
    """One answer: its text, whether it is right, and what to tell the learner who picks it."""

    text: str
    correct: bool
    feedback: str


class Question:
    """A multiple-choice question with at least one right option and feedback on each.

    Parameters
    ----------
    prompt : str
        The question (HTML allowed).
    options : sequence of Option
        Two to eight options; at least one must be correct.

    Raises
    ------
    ValueError
        With fewer than two or more than eight options, or none correct.

    Examples
    --------
    >>> question = Question("2 + 2?", [Option("4", True, "Yes."), Option("5", False, "No.")])
    >>> question.answer("B")
    (False, 'No.')
    """

    def __init__(self, prompt, options):
        options = list(options)
        if not 2 <= len(options) <= len(LETTERS):
            raise ValueError(
                f"A question needs 2 to {len(LETTERS)} options, got {len(options)}."
            )
        if not any(option.correct for option in options):
            raise ValueError("A question needs at least one correct option; none is marked.")
        self.prompt = prompt
        self.options = options
        self.selected = None
        self._widget = None

    def answer(self, choice):
        """Pick an option by letter ("A") or index (0); return (is_correct, feedback).

        Raises
        ------
        ValueError
            If `choice` names no option.
        """
        index = self._index(choice)
        self.selected = index
        option = self.options[index]
        if self._widget is not None:
            self._show_feedback(index)
        return option.correct, option.feedback

    def _index(self, choice):
        letters = LETTERS[: len(self.options)]
        if isinstance(choice, str) and len(choice) == 1 and choice.upper() in letters:
            return letters.index(choice.upper())
        if (isinstance(choice, numbers.Integral) and not isinstance(choice, (bool, np.bool_))
                and 0 <= choice < len(letters)):
            return int(choice)
        raise ValueError(
            f"choice must be a letter from {', '.join(letters)} or an index from 0 to "
            f"{len(letters) - 1}, got {choice!r}."
        )

    @property
    def widget(self):
        """The question as a widget: prompt, one button per option, feedback."""
        if self._widget is None:
            self._build_widget()
        return self._widget

    def _build_widget(self):
        self.buttons = []
        for index in range(len(self.options)):
            button = widgets.Button(description=LETTERS[index],
                                    tooltip=f"Answer {LETTERS[index]}",
                                    layout=widgets.Layout(width="3.5em"))
            button.on_click(lambda _button, index=index: self.answer(index))
            self.buttons.append(button)
        self.feedback = widgets.HTML("<i>Click a letter to answer.</i>")
        self._widget = widgets.VBox(
            [widgets.HBox([widgets.Label("Your answer:"), *self.buttons]), self.feedback],
            layout=widgets.Layout(margin="0 0 1em 0"),
        )

    def _show_feedback(self, index):
        option = self.options[index]
        for i, button in enumerate(self.buttons):
            button.button_style = ("success" if option.correct else "danger") if i == index else ""
        verdict = "✔ Right." if option.correct else "✘ Not quite."
        color = RIGHT if option.correct else WRONG
        self.feedback.value = (
            f'<span style="color: {color}"><b>{LETTERS[index]}: {verdict}</b></span> '
            f"{option.feedback}"
        )

    def text(self):
        """The question and its options as plain text."""
        lines = [html.unescape(self.prompt)]
        lines += [f"  {LETTERS[i]}. {html.unescape(o.text)}" for i, o in enumerate(self.options)]
        return "\n".join(lines)

    def html(self):
        """The question and its options as HTML."""
        options = "".join(
            f"<li><b>{LETTERS[i]}.</b> {option.text}</li>" for i, option in enumerate(self.options)
        )
        return (f"<p><b>{self.prompt}</b></p>"
                f'<ul style="list-style: none; padding-left: 0.5em">{options}</ul>')

    def _ipython_display_(self):
        from IPython.display import display

        # The question is static text that every viewer shows (GitHub, HTML exports); only
        # the answer buttons and the feedback need a kernel.
        display({"text/html": self.html(), "text/plain": self.text()}, raw=True)
        buttons = self.widget._repr_mimebundle_()
        buttons["text/plain"] = "(Answer buttons appear here when the notebook runs.)"
        display(buttons, raw=True)
