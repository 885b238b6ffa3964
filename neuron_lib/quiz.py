"""Multiple-choice questions with feedback for every option, right or wrong.

A question shows as a widget: the question, one button per option, and the feedback for the
option clicked. Without a kernel it shows as text. Tests call :meth:`Question.answer`.
"""

import html
import numbers
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

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
        color = "#2ca02c" if option.correct else "#d62728"
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


def bias_question():
    """Lesson 01: the role of the bias."""
    return Question(
        "What does the bias b do in z = w · x + b?",
        [
            Option("It multiplies every input, like one more weight shared by all of them.", False,
                   "That is what the weights do: each multiplies its own input. The bias is "
                   "added once, after the sum, whatever the inputs are."),
            Option("It shifts the weighted sum, so the neuron can lean towards 'spam' or 'ham' "
                   "before it sees any clue: it sets how much evidence w · x must add up to "
                   "before σ(z) reaches 0.5.", True,
                   "Without b, an email whose inputs are all 0 always gets σ(0) = 0.5, and "
                   "the verdict flips exactly where w · x = 0. With b the email is called spam "
                   "once w · x ≥ −b. Try the bias slider in the demo with every input at 0."),
            Option("It keeps the output between 0 and 1.", False,
                   "That is the sigmoid's job: σ squashes any z into (0, 1), whatever b is."),
            Option("It is an error term that training tries to drive to zero.", False,
                   "'Bias' here is not a mistake or a prejudice: it is a parameter learned "
                   "like the weights, and a trained neuron usually has a non-zero bias."),
        ],
    )


def initialisation_question():
    """Lesson 01: why random rather than zero initial weights."""
    return Question(
        "Why do we draw the starting weights at random from U[−1, 1] instead of setting them all "
        "to 0?",
        [
            Option("With all weights 0 the sigmoid would overflow.", False,
                   "With w = 0, z = b, and σ(b) is an ordinary number between 0 and 1. Zeros "
                   "cause no numerical trouble."),
            Option("Random weights give better predictions before any training.", False,
                   "Before training, random weights know nothing about spam either: the "
                   "predictions are no better than with zeros."),
            Option("So that neurons start different: neurons that see the same inputs with the "
                   "same weights compute the same thing and get the same updates, so they would "
                   "stay copies of each other. Randomness breaks that symmetry.", True,
                   "This is why it matters in a layer of several neurons. A single neuron on its "
                   "own can learn from zeros (the lesson on training shows it); a layer of identical ones "
                   "is no better than one neuron."),
            Option("A neuron whose weights start at 0 can never learn.", False,
                   "A single neuron can: as soon as it gets an example wrong whose inputs are "
                   "not all 0, learning moves its weights away from 0. The trouble is symmetry "
                   "between several neurons, not zeros as such."),
        ],
    )


def output_activation_question():
    """Lesson 02: which activation for the spam filter's output neuron."""
    return Question(
        "The spam filter's last neuron must output the probability that an email is spam. "
        "Which activation fits it best?",
        [
            Option("ReLU", False,
                   "ReLU's output has no upper limit: an email could come out as '7.3', "
                   "which is no probability. ReLU shines in hidden layers instead."),
            Option("tanh", False,
                   "tanh gives values in (−1, 1): negative numbers are no probabilities. "
                   "(0.5 · (tanh(z/2) + 1) would work, but that is exactly the sigmoid.)"),
            Option("sigmoid", True,
                   "Its output always lies in (0, 1) and crosses 0.5 at z = 0, so it reads "
                   "directly as a probability, and 0.5 is a natural threshold."),
            Option("leaky ReLU", False,
                   "Leaky ReLU's output is unbounded in both directions: neither negative "
                   "values nor values above 1 are probabilities."),
        ],
    )


def dead_relu_question():
    """Lesson 02: what a dead ReLU is."""
    return Question(
        "A ReLU neuron's weighted sum z is negative for every email in the training set. "
        "What happens to it?",
        [
            Option("Its output grows more and more negative.", False,
                   "ReLU never outputs a negative number: for z < 0 the output is exactly 0."),
            Option("It outputs 0 for every email, and its slope is 0 too, so gradient descent "
                   "gets no signal to change its weights: the neuron is 'dead'.", True,
                   "Leaky ReLU keeps a small slope α for z < 0, so such a neuron "
                   "can still recover. Try it in the explorer with derivatives shown."),
            Option("It behaves like a sigmoid for those emails.", False,
                   "For z < 0 ReLU is flat at 0, not an S-curve: compare both in the "
                   "explorer with a negative bias."),
            Option("Nothing special: a slope of 0 only slows learning down a little.", False,
                   "A slope of exactly 0 stops learning altogether for that neuron, since "
                   "every weight update is multiplied by the slope."),
        ],
    )


def vanishing_gradient_question():
    """Lesson 02: why the sigmoid's small slope matters in deep networks."""
    return Question(
        "The sigmoid's slope is at most 0.25 (at z = 0) and nearly 0 for |z| > 5. Why does "
        "this matter in a network with many layers?",
        [
            Option("Training multiplies one slope per layer, so with sigmoids the signal that "
                   "reaches the first layers loses a factor of 4 or more per layer from the "
                   "slopes alone: they barely learn (the 'vanishing gradient').", True,
                   "Ten layers give at most 0.25¹⁰ ≈ 1e-6. ReLU's slope is 1 for "
                   "z > 0, which is why hidden layers mostly use ReLU."),
            Option("It makes the network's outputs less accurate.", False,
                   "The sigmoid computes its outputs exactly; the slope matters for "
                   "learning, not for the forward pass."),
            Option("It makes the sigmoid slow to compute.", False,
                   "Computing the slope, σ(z)(1 − σ(z)), is as cheap as computing σ itself."),
            Option("It does not matter: only the output layer's slope counts.", False,
                   "Every layer's slope enters the chain rule that carries the error back to "
                   "the first layer."),
        ],
    )


def step_too_long_question():
    """Lesson 03: what a rising loss during gradient descent means."""
    return Question(
        "You take one gradient-descent step and the loss goes UP. What is the most likely "
        "cause?",
        [
            Option("The learning rate is too large: the step jumped over the bottom of the "
                   "valley and landed higher on the other side.", True,
                   "The gradient only says which way is downhill near w; a long step "
                   "can overshoot. Halve η and try again (the gradient-descent demo shows "
                   "it with η = 40)."),
            Option("The gradient points the wrong way.", False,
                   "The gradient always points uphill, so −gradient is downhill near w. "
                   "Close to w the step does lower the loss; a step that is too long can "
                   "still end higher."),
            Option("The data has too few emails.", False,
                   "The amount of data changes the shape of the loss curve, not whether "
                   "one step goes up. That is the step length, η × slope."),
            Option("The loss always goes up first and down later.", False,
                   "With a small enough learning rate, full-batch gradient descent lowers "
                   "the loss at every step."),
        ],
    )


def held_out_question():
    """Lesson 03: why accuracy is measured on held-out emails."""
    return Question(
        "Why do we measure accuracy on emails the neuron never trained on?",
        [
            Option("Because training on all the emails would take too long.", False,
                   "Training on all 4,601 emails takes well under a second. We hold some "
                   "back for an honest test, not for speed."),
            Option("Because a model can fit its training emails better than it will do on "
                   "new ones; only unseen emails estimate how it does in real use.", True,
                   "Here the two accuracies are close (a single neuron has only a "
                   "few parameters), but with bigger models the gap can be large."),
            Option("Because the held-out emails are the hard ones.", False,
                   "The split is random (and stratified: the same share of spam in both), "
                   "so held-out emails are no harder than the others."),
            Option("Because the neuron's accuracy on training emails is always 100%.", False,
                   "Far from it: about 86% here. No straight line separates all spam "
                   "from all ham in these features."),
        ],
    )


def false_positive_question():
    """Lesson 03: which mistake of a spam filter costs more."""
    return Question(
        "A spam filter can wrongly send a real email to the spam folder (a false positive) "
        "or let a spam email through (a false negative). Which usually costs the user more?",
        [
            Option("The false positive: a job offer or a bill lost in the spam folder can "
                   "go unseen for weeks.", True,
                   "So spam filters favour precision (few false positives) over "
                   "recall. Raising the threshold above 0.5 calls fewer emails spam: "
                   "fewer false positives, more spam let through."),
            Option("The false negative: every spam that gets through is a security risk.",
                   False,
                   "A spam in the inbox costs a second to delete; a lost real email can cost "
                   "far more. (Phishing filters may weigh this differently.)"),
            Option("They cost the same, which is why accuracy is the right measure.", False,
                   "Accuracy counts both mistakes alike; that is exactly why precision and "
                   "recall are reported beside it."),
        ],
    )
