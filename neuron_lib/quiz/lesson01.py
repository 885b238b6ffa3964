"""Lesson 01 (The single neuron): its quiz questions.

Options are alike in length and form; the reasons live in the feedback, and each wrong
option is a mistake learners really make.
"""

from .base import Option, Question

__all__ = ["bias_question", "initialisation_question"]


def bias_question():
    """Lesson 01: the role of the bias."""
    return Question(
        "What does the bias b do in z = w · x + b?",
        [
            Option("It multiplies every input, like one more weight shared by all of them.", False,
                   "That is what the weights do: each multiplies its own input. The bias is "
                   "not multiplied by anything: it is added once, after the sum, whatever the "
                   "inputs are."),
            Option("It shifts z by the same amount for every email, which moves the verdict.",
                   True,
                   "The email is called spam once w · x + b ≥ 0, that is once the evidence "
                   "w · x adds up to at least −b: a negative bias makes the neuron sceptical, a "
                   "positive one makes it suspicious before it sees any clue. With every input "
                   "at 0 the bias alone decides: σ(b). Try the bias slider in the demo."),
            Option("It keeps the neuron's output between 0 and 1, whatever the inputs are.", False,
                   "That is the sigmoid's job: σ squashes any z into (0, 1), whatever b is. "
                   "The bias moves z before the squashing."),
            Option("It measures the neuron's mistakes, which training tries to bring to zero.",
                   False,
                   "'Bias' here is not a mistake or a prejudice: it is a parameter learned like "
                   "the weights, and a trained neuron usually ends with a bias that is not 0."),
        ],
    )


def initialisation_question():
    """Lesson 01: why a layer of neurons starts from random weights, not zeros."""
    return Question(
        "In a network, a hidden layer holds several neurons that all see the same inputs. Why "
        "do we draw their starting weights at random from U[−1, 1] instead of setting them "
        "all to 0?",
        [
            Option("Random weights make better predictions than zeros before any training.", False,
                   "Before training, random weights know nothing about spam either, and they "
                   "are often worse than zeros, which say 0.5 to every email: lesson 03 measures "
                   "it. The reason for randomness is what happens during training."),
            Option("A neuron whose weights all start at 0 can never learn anything at all.", False,
                   "Not so for a single neuron like ours. Plot how wrong it is against its "
                   "weights and you get one valley with no other dips (the curve is convex), so "
                   "training reaches the same weights from zeros as from any random start; "
                   "lesson 03 §9 shows it. In a network it is another story: see the other "
                   "options."),
            Option("Neurons that start identical would get identical updates and stay copies.",
                   True,
                   "Two neurons of a layer with the same incoming weights compute the same "
                   "output. If the next layer also weighs them equally (all-zero or all-equal "
                   "weights do both), every training step changes them by the same amounts, so "
                   "they stay copies forever and the layer is no better than one neuron. Random "
                   "starts break this symmetry. Lesson 03 §9 checks it by hand; lesson 04 shows "
                   "it in a real hidden layer."),
            Option("Zeros suit any network; random weights only make training a bit faster.",
                   False,
                   "With tanh or ReLU hidden neurons, all-zero weights are a trap: every "
                   "hidden neuron outputs 0, so every weight's update is exactly 0 and the "
                   "weights never move (only the output's bias learns the share of spam). With "
                   "sigmoid hidden neurons they do move, but as identical copies. Lesson 03 §9 "
                   "and lesson 04 show both."),
        ],
    )
