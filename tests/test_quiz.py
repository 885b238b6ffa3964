"""Multiple-choice questions: every option gives feedback, and the widget shows it.

The course's questions are found in the quiz package itself (every public function of each
``neuron_lib.quiz.lessonNN`` module), so a new lesson's questions are checked without
anyone adding them to a list here.
"""

import importlib
import inspect
import pkgutil
import re
import statistics

import numpy as np
import pytest

from neuron_lib import quiz
from neuron_lib.quiz import Option, Question


def course_question_makers():
    """Every public function of every lessonNN module of the quiz package, by name."""
    makers = {}
    for module_info in pkgutil.iter_modules(quiz.__path__):
        if not re.fullmatch(r"lesson\d\d", module_info.name):
            continue
        module = importlib.import_module(f"neuron_lib.quiz.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                makers[f"{module_info.name}.{name}"] = function
    return makers


QUESTION_MAKERS = course_question_makers()


def test_the_course_questions_are_found():
    # Lessons 01 and 02 alone have five questions; later lessons only add to them.
    assert {"lesson01.bias_question", "lesson01.initialisation_question",
            "lesson02.dead_relu_question"} <= set(QUESTION_MAKERS)
    assert len(QUESTION_MAKERS) >= 5


@pytest.mark.parametrize("name", list(QUESTION_MAKERS))
def test_every_question_is_public_in_the_quiz_package(name):
    """Lessons call `quiz.name()`: each question maker must be exported there."""
    function_name = name.split(".", 1)[1]
    exported = getattr(quiz, function_name)
    assert function_name in quiz.__all__
    # The package exports it wrapped, so that answers are recorded (neuron_lib.progress).
    assert getattr(exported, "__wrapped__", exported) is QUESTION_MAKERS[name]


@pytest.mark.parametrize("name", list(QUESTION_MAKERS))
def test_every_question_has_one_right_answer_and_feedback_everywhere(name):
    question = QUESTION_MAKERS[name]()
    assert isinstance(question, Question)
    assert sum(option.correct for option in question.options) == 1
    for option in question.options:
        assert len(option.feedback) > 40, f"feedback too thin for {option.text!r}"


@pytest.mark.parametrize("name", list(QUESTION_MAKERS))
def test_the_right_option_is_not_given_away_by_its_length(name):
    """A test-wise learner picks the longest option; it must not be a safe bet.

    The right option may be at most 1.5 times as long as the mean of the others; the reasons
    belong in the feedback, not in the option.
    """
    question = QUESTION_MAKERS[name]()
    right = [len(o.text) for o in question.options if o.correct]
    others = [len(o.text) for o in question.options if not o.correct]
    limit = 1.5 * statistics.mean(others)
    assert max(right) <= limit, (
        f"{name}: the right option has {max(right)} characters, more than 1.5x the mean of "
        f"the others ({statistics.mean(others):.0f}); move its reasons into the feedback")


def test_the_length_rule_catches_a_giveaway():
    """The rule above must be able to fail: the old lesson-01 bias question broke it."""
    long_right = Option("It shifts the weighted sum, so the neuron can lean towards 'spam' or "
                        "'ham' before it sees any clue: it sets how much evidence w · x must "
                        "add up to before σ(z) reaches 0.5.", True, "feedback " * 6)
    short = [Option(text, False, "feedback " * 6) for text in
             ("It multiplies every input.", "It keeps the output in (0, 1).",
              "It is an error term.")]
    # 171 characters against a mean of about 25: far beyond 1.5x.
    assert len(long_right.text) > 1.5 * statistics.mean(len(o.text) for o in short)


def test_bias_question_right_answer_is_about_shifting():
    question = quiz.bias_question()
    assert question.answer_key == "B"
    correct, feedback = question.answer("B")
    assert correct and "bias" in feedback.lower()
    assert quiz.bias_question().answer("C") == (False, quiz.bias_question().options[2].feedback)


def test_initialisation_feedback_is_exact_about_symmetry_and_zeros():
    question = quiz.initialisation_question()
    right = question.options[ord(question.answer_key) - ord("A")]
    assert "identical updates" in right.text
    # Same updates need equal incoming AND outgoing weights; say both, and point forward.
    assert "same incoming weights" in right.feedback and "next layer" in right.feedback
    assert "lesson 03 §9" in right.feedback.lower() and "lesson 04" in right.feedback
    everything = " ".join(o.text + " " + o.feedback for o in question.options)
    assert "convex" in everything  # why a single neuron learns from zeros
    assert "tanh or ReLU" in everything  # where all-zero weights never move
    assert "gets an example wrong" not in everything  # no perceptron wording
    assert "not zeros as such" not in everything


def test_dead_is_kept_for_zero_on_every_input():
    question = quiz.dead_relu_question()
    right = question.options[ord(question.answer_key) - ord("A")]
    assert "every email" in right.text and "inactive" in right.feedback


def test_no_option_is_a_strawman_nor_says_gradient_descent_before_lesson_03():
    for name in ("output_activation_question", "dead_relu_question",
                 "vanishing_gradient_question"):
        question = getattr(quiz, name)()
        words = question.text() + " ".join(o.feedback for o in question.options)
        assert "gradient descent" not in words and "chain rule" not in words


# --- the widget ------------------------------------------------------------------------------


def test_clicking_a_button_shows_that_options_feedback():
    question = quiz.bias_question()
    _ = question.widget  # build it, as displaying does
    question.buttons[0].click()
    assert "Not quite" in question.feedback.value
    assert question.options[0].feedback in question.feedback.value
    assert question.buttons[0].button_style == "danger"
    assert question.buttons[0].icon == "times"  # a second cue besides the colour
    question.buttons[1].click()
    assert "Right" in question.feedback.value
    assert question.buttons[1].button_style == "success" and question.buttons[1].icon == "check"
    assert question.buttons[0].button_style == "" and question.buttons[0].icon == ""
    assert question.selected == "B"


def test_buttons_are_named_by_their_answers():
    """A screen reader reads a button's text: it must say the answer, not only "A"."""
    question = quiz.initialisation_question()
    _ = question.widget
    for letter, button, option in zip("ABCD", question.buttons, question.options):
        assert button.description == f"{letter}. {option.text}"


def test_button_text_is_plain_even_when_the_option_holds_html():
    question = Question("Pick", [Option("<b>4</b> &amp; more", True, "Yes, four."),
                                 Option("5", False, "No, five.")])
    _ = question.widget
    assert question.buttons[0].description == "A. 4 & more"


def test_selected_is_none_until_an_answer_then_its_letter():
    question = quiz.bias_question()
    assert question.selected is None
    question.answer(2)
    assert question.selected == "C"


def test_an_answer_given_before_the_widget_is_built_shows_in_it():
    question = quiz.bias_question()
    question.answer("D")
    _ = question.widget
    assert question.feedback.value.count("D: ✘ Not quite.") == 1
    assert question.buttons[3].button_style == "danger"
    assert question.options[3].feedback in question.feedback.value


def test_the_widget_hides_the_static_options_only_where_buttons_follow():
    question = quiz.bias_question()
    assert 'class="nn-quiz-options"' in question.html()
    stylesheet = question.widget.children[0].value
    assert "nn-quiz-live" in question.widget._dom_classes
    assert ":has(+ .jp-OutputArea-child .nn-quiz-live) .nn-quiz-options" in stylesheet


def test_text_and_html_list_every_option():
    question = quiz.initialisation_question()
    for letter, option in zip("ABCD", question.options):
        assert f"{letter}. {option.text}" in question.text()
        assert option.text in question.html()


def test_numpy_integers_are_valid_choices():
    assert quiz.bias_question().answer(np.int64(1))[0]


@pytest.mark.parametrize("choice", ["E", "AB", 4, -1, None, True, 1.0])
def test_bad_choice_is_refused(choice):
    with pytest.raises(ValueError, match="choice must be a letter from A, B, C, D"):
        quiz.bias_question().answer(choice)


# --- building a question (the author's API) --------------------------------------------------


def test_question_needs_a_right_option_and_two_to_eight_options():
    with pytest.raises(ValueError, match="at least one correct option"):
        Question("?", [Option("a", False, "x"), Option("b", False, "y")])
    with pytest.raises(ValueError, match="2 to 8 options, got 1"):
        Question("?", [Option("a", True, "x")])


@pytest.mark.parametrize(("prompt", "error", "match"), [
    (None, TypeError, r"prompt must be a string, got NoneType None\. Example: Question\("),
    (42, TypeError, "prompt must be a string, got int 42"),
    ("  ", ValueError, "prompt must not be empty"),
])
def test_a_bad_prompt_is_refused_at_once(prompt, error, match):
    with pytest.raises(error, match=match):
        Question(prompt, [Option("4", True, "Yes."), Option("5", False, "No.")])


def test_options_given_as_tuples_get_a_clear_error():
    with pytest.raises(TypeError, match=r"Option 1 must be an Option\(text, correct, feedback\), "
                                        r"got tuple \('4', True, 'Yes\.'\)\. Wrap it"):
        Question("2 + 2?", [("4", True, "Yes."), ("5", False, "No.")])


@pytest.mark.parametrize("options", ["AB", Option("4", True, "Yes."), None, 3])
def test_options_that_are_not_a_list_get_a_clear_error(options):
    with pytest.raises(TypeError, match="options must be a list of Option"):
        Question("2 + 2?", options)


@pytest.mark.parametrize(("args", "error", "match"), [
    ((None, True, "Yes."), TypeError, "option's text must be a string, got NoneType"),
    (("4", "yes", "Yes."), TypeError, "`correct` must be True or False, got str 'yes'"),
    (("4", True, ""), ValueError, "option's feedback must not be empty"),
])
def test_a_bad_option_is_refused(args, error, match):
    with pytest.raises(error, match=match):
        Option(*args)
