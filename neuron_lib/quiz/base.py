"""Multiple-choice questions with feedback for every option, right or wrong.

A question shows in two parts. First the question and its options as static text, which
every viewer shows (GitHub, HTML exports, a notebook opened before it runs). Then, where a
kernel runs, one button per option, each labelled with the whole option (so that a screen
reader names the answer, not only "A"), and the feedback for the option clicked. Once the
buttons show, the static list of options above them is hidden, so nothing is read twice.

Tests and scripts call :meth:`Question.answer` and read :attr:`Question.selected`.
"""

import html
import numbers
import re
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from .. import progress
from ..style import RIGHT, SLATE, WRONG

__all__ = ["LETTERS", "Option", "Question"]

LETTERS = "ABCDEFGH"

# Classes that tie the static options (an HTML output) to the live buttons (the next output).
_STATIC_OPTIONS_CLASS = "nn-quiz-options"
_LIVE_CLASS = "nn-quiz-live"

# Widgets draw buttons on one line, clipped with "..."; option buttons wrap like a paragraph.
# The second rule hides the static options of a question whose live buttons follow it in the
# same cell's output (`:has` is in every current browser; without it both simply show).
_STYLESHEET = f"""<style>
.{_LIVE_CLASS} .widget-button {{
  white-space: normal; height: auto; min-height: var(--jp-widgets-inline-height);
  text-align: left; padding: 0.35em 0.8em; line-height: 1.4; overflow: visible;
}}
.{_LIVE_CLASS} .widget-button.mod-success, .{_LIVE_CLASS} .widget-button.mod-danger {{
  font-weight: bold;
}}
.jp-OutputArea-child:has(+ .jp-OutputArea-child .{_LIVE_CLASS}) .{_STATIC_OPTIONS_CLASS} {{
  display: none;
}}
</style>"""


def _plain(text):
    """Option text as a button shows it: tags removed, entities resolved."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _check_text(value, what, example):
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, got {type(value).__name__} {value!r}. "
                        f"Example: {example}.")
    if not value.strip():
        raise ValueError(f"{what} must not be empty. Example: {example}.")


@dataclass(frozen=True)
class Option:
    """One answer: its text, whether it is right, and what to tell the learner who picks it.

    Raises
    ------
    TypeError
        If `text` or `feedback` is not a string, or `correct` not True or False.
    ValueError
        If `text` or `feedback` is empty.
    """

    text: str
    correct: bool
    feedback: str

    def __post_init__(self):
        example = "Option('It shifts z', True, 'Yes: ...')"
        _check_text(self.text, "An option's text", example)
        if not isinstance(self.correct, (bool, np.bool_)):
            raise TypeError(f"An option's `correct` must be True or False, got "
                            f"{type(self.correct).__name__} {self.correct!r}. Example: {example}.")
        _check_text(self.feedback, "An option's feedback", example)


class Question:
    """A multiple-choice question with at least one right option and feedback on each.

    Parameters
    ----------
    prompt : str
        The question (HTML allowed).
    options : sequence of Option
        Two to eight options; at least one must be correct.

    Attributes
    ----------
    selected : str or None
        The letter of the option last picked ("B"), by a click or :meth:`answer`; None
        before any.

    Raises
    ------
    TypeError
        If `prompt` is not a string, `options` not a list, or an option not an
        :class:`Option`.
    ValueError
        With an empty prompt, fewer than two or more than eight options, or none correct.

    Examples
    --------
    >>> question = Question("2 + 2?", [Option("4", True, "Yes."), Option("5", False, "No.")])
    >>> question.answer("B")
    (False, 'No.')
    >>> question.selected, question.answer_key
    ('B', 'A')
    """

    def __init__(self, prompt, options):
        _check_text(prompt, "A question's prompt", "Question('What does the bias do?', "
                                                   "[Option(...), Option(...)])")
        if isinstance(options, (str, bytes, Option)) or not hasattr(options, "__iter__"):
            raise TypeError(f"options must be a list of Option(text, correct, feedback), got "
                            f"{type(options).__name__}. Example: [Option('4', True, 'Yes.'), "
                            "Option('5', False, 'No: 2 + 2 = 4.')].")
        options = list(options)
        for number, option in enumerate(options, 1):
            if not isinstance(option, Option):
                raise TypeError(
                    f"Option {number} must be an Option(text, correct, feedback), got "
                    f"{type(option).__name__} {option!r}. Wrap it: Option(text, correct, "
                    "feedback)."
                )
        if not 2 <= len(options) <= len(LETTERS):
            raise ValueError(
                f"A question needs 2 to {len(LETTERS)} options, got {len(options)}."
            )
        if not any(option.correct for option in options):
            raise ValueError("A question needs at least one correct option; none is marked.")
        self.prompt = prompt
        self.options = options
        self._selected = None
        self._widget = None
        # (lesson, name) when made by a lesson's question function: answers are recorded in
        # the learner's progress file (see neuron_lib.progress).
        self.progress_key = None

    @property
    def selected(self):
        """The letter of the option last picked, or None."""
        return None if self._selected is None else LETTERS[self._selected]

    @property
    def answer_key(self):
        """The letters of the right options, e.g. "B"."""
        return "".join(LETTERS[i] for i, option in enumerate(self.options) if option.correct)

    def answer(self, choice):
        """Pick an option by letter ("A") or index (0); return (is_correct, feedback).

        The widget, if built now or later, shows that choice and its feedback.

        Raises
        ------
        ValueError
            If `choice` names no option.
        """
        index = self._index(choice)
        self._selected = index
        option = self.options[index]
        if self._widget is not None:
            self._show_feedback(index)
        if self.progress_key is not None:
            progress.record_answer(*self.progress_key, LETTERS[index], option.correct)
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
        """The question as a widget: one button per option, then the feedback."""
        if self._widget is None:
            self._build_widget()
        return self._widget

    def _build_widget(self):
        self.buttons = []
        for index, option in enumerate(self.options):
            # The button's text is its accessible name: the whole option, not only "A".
            button = widgets.Button(description=f"{LETTERS[index]}. {_plain(option.text)}",
                                    tooltip="", layout=widgets.Layout(width="100%"))
            button.on_click(lambda _button, index=index: self.answer(index))
            self.buttons.append(button)
        self.feedback = widgets.HTML(
            f'<i style="color: {SLATE}">Click the answer you think is right.</i>')
        self._widget = widgets.VBox(
            [widgets.HTML(_STYLESHEET), *self.buttons, self.feedback],
            layout=widgets.Layout(margin="0 0 1em 0", max_width="60em"),
        )
        self._widget.add_class(_LIVE_CLASS)
        if self._selected is not None:  # answered before the widget was built
            self._show_feedback(self._selected)

    def _show_feedback(self, index):
        option = self.options[index]
        for i, button in enumerate(self.buttons):
            chosen = i == index
            button.button_style = ("success" if option.correct else "danger") if chosen else ""
            # A second cue besides the colour: a tick or a cross on the chosen button.
            button.icon = ("check" if option.correct else "times") if chosen else ""
        verdict = "✔ Right." if option.correct else "✘ Not quite."
        color = RIGHT if option.correct else WRONG
        self.feedback.value = (
            f'<div role="status"><span style="color: {color}"><b>{LETTERS[index]}: '
            f"{verdict}</b></span> {option.feedback}</div>"
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
                f'<ul class="{_STATIC_OPTIONS_CLASS}" style="list-style: none; '
                f'padding-left: 0.5em">{options}</ul>')

    def _ipython_display_(self):
        from IPython.display import display

        # The question is static text that every viewer shows (GitHub, HTML exports); only
        # the answer buttons and the feedback need a kernel.
        display({"text/html": self.html(), "text/plain": self.text()}, raw=True)
        buttons = self.widget._repr_mimebundle_()
        buttons["text/plain"] = "(Answer buttons appear here when the notebook runs.)"
        display(buttons, raw=True)
