"""Lesson 01 (The single neuron): its quiz questions."""

from .base import Option, Question

__all__ = ["bias_question", "initialisation_question"]


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
