"""Lesson 06's quiz: one right option each, feedback everywhere, no give-away lengths."""

import html

import pytest

from neuron_lib import quiz

QUESTIONS = [quiz.softmax_or_sigmoids_question, quiz.stable_softmax_question,
             quiz.softmax_gradient_question, quiz.shifted_digit_question]


def lengths(question):
    return [len(html.unescape(option.text)) for option in question.options]


@pytest.mark.parametrize("make_question", QUESTIONS)
def test_one_right_option_and_feedback_on_every_option(make_question):
    question = make_question()
    assert len(question.options) == 4
    assert sum(option.correct for option in question.options) == 1
    for option in question.options:
        assert len(option.feedback) > 60, f"feedback too thin for {option.text!r}"
        # The feedback explains; it does not just repeat the option.
        assert option.text not in option.feedback


@pytest.mark.parametrize("make_question", QUESTIONS)
def test_the_right_option_is_not_given_away_by_its_length(make_question):
    question = make_question()
    right = next(length for length, option in zip(lengths(question), question.options)
                 if option.correct)
    others = [length for length, option in zip(lengths(question), question.options)
              if not option.correct]
    assert right <= 1.5 * sum(others) / len(others)


def test_the_right_option_is_not_always_the_longest():
    longest_is_right = [question.options[max(range(4), key=lengths(question).__getitem__)].correct
                        for question in (make() for make in QUESTIONS)]
    assert not all(longest_is_right)


def test_right_options_are_in_different_places():
    places = {next(i for i, option in enumerate(make().options) if option.correct)
              for make in QUESTIONS}
    assert len(places) >= 3


@pytest.mark.parametrize(("make_question", "letter", "expected"), [
    (quiz.softmax_or_sigmoids_question, "B", "sum to 1"),
    (quiz.stable_softmax_question, "D", "Subtract the largest score"),
    (quiz.softmax_gradient_question, "A", "lowers each other score"),
    (quiz.shifted_digit_question, "C", "one pixel position"),
])
def test_answering_the_right_letter_says_right(make_question, letter, expected):
    question = make_question()
    correct, feedback = question.answer(letter)
    assert correct and expected in question.options["ABCDEFGH".index(question.selected)].text
    assert feedback == question.options["ABCDEFGH".index(question.selected)].feedback


def test_numbers_in_the_feedback_are_true():
    import numpy as np

    from neuron_lib.quiz.lesson06 import stable_softmax_question

    # softmax([1000, 999, 998]) = e^[0, -1, -2] / (1 + e^-1 + e^-2) = [0.665, 0.245, 0.090].
    z = np.array([1000.0, 999.0, 998.0])
    shifted = np.exp(z - z.max())
    assert " ".join(f"{p:.3f}" for p in shifted / shifted.sum()) == "0.665 0.245 0.090"
    assert "[0.665, 0.245, 0.090]" in stable_softmax_question().options[3].feedback
    # Dividing by the largest: softmax([1, 0.999, 0.998]).
    divided = np.exp(z / z.max())
    assert [round(p, 3) for p in divided / divided.sum()] == [0.334, 0.333, 0.333]
    # float32 overflows at log(3.4e38) = 88.7, float64 at log(1.8e308) = 709.8.
    assert round(float(np.log(np.finfo(np.float32).max)), 1) == 88.7
    assert round(float(np.log(np.finfo(np.float64).max)), 1) == 709.8
    # -log 0.9 = 0.105.
    assert round(float(-np.log(0.9)), 3) == 0.105


def test_the_widget_shows_the_feedback_of_the_clicked_option():
    question = quiz.stable_softmax_question()
    assert question.widget is not None  # built, as displaying it does
    question.buttons[3].click()
    assert "Right" in question.feedback.value and question.buttons[3].button_style == "success"
    question.buttons[0].click()
    assert "Not quite" in question.feedback.value
    assert question.options[0].feedback in question.feedback.value
