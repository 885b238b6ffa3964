"""Lesson 06 (Many classes: softmax and handwritten digits): its quiz questions."""

from .base import Option, Question

__all__ = ["shifted_digit_question", "softmax_gradient_question", "softmax_or_sigmoids_question",
           "stable_softmax_question"]


def softmax_or_sigmoids_question():
    """Lesson 06: why a digit network ends in softmax rather than ten sigmoids."""
    return Question(
        "A network must say which of ten digits a picture shows. Why end it with one softmax "
        "layer of ten outputs rather than ten separate sigmoid outputs?",
        [
            Option("Ten sigmoids could never be confident: a sigmoid cannot get close to 1.",
                   False,
                   "A sigmoid gets as close to 1 as you like: σ(10) = 0.99995. The trouble "
                   "with ten sigmoids is not their range but that nothing ties them together: "
                   "all ten can say 0.9 at once."),
            Option("Softmax ties the ten outputs together: they sum to 1, so one rising "
                   "pushes the others down.", True,
                   "Ten sigmoids answer ten separate yes/no questions (\"is it a 3?\", \"is it "
                   "an 8?\"), which may all be yes or all no. Softmax turns ten scores into one "
                   "distribution over the digits, which is what \"which digit?\" asks. Ten "
                   "sigmoids are right when several labels can hold at once, like tags on a "
                   "photo."),
            Option("Ten sigmoid outputs would need ten times as many weights, and ten times the "
                   "training, of one softmax layer.", False,
                   "Both are ten output units with one weight per input each (plus a bias): "
                   "the same 650 parameters on 64 inputs, and a training step costs about the "
                   "same. They differ only in how the ten scores become outputs."),
            Option("Softmax learns faster because its slope never gets close to 0.", False,
                   "Softmax saturates too: a score far below the others gets a probability and "
                   "a slope near 0. What keeps learning going is the cross-entropy loss: with "
                   "softmax, the gradient on the scores is simply p − y."),
        ],
    )


def stable_softmax_question():
    """Lesson 06: the overflow of exp at large scores, and the fix that keeps the answer."""
    return Question(
        "Softmax written as np.exp(z) / np.exp(z).sum() gives [nan, nan, nan] for the scores "
        "z = [1000, 999, 998]. Which change gives the right probabilities?",
        [
            Option("Divide every score by the largest one before taking exp.", False,
                   "That changes the answer: softmax([1, 0.999, 0.998]) is almost uniform "
                   "(0.334, 0.333, 0.333). Dividing the scores flattens the probabilities; "
                   "only adding or subtracting the same number leaves them as they were."),
            Option("Clip every score to at most 700 before taking exp, so that exp cannot "
                   "overflow.", False,
                   "Then all three scores become 700 and the answer is 1/3 each: wrong. "
                   "Clipping throws away the differences between scores, which are all "
                   "softmax looks at."),
            Option("Compute it in float32 instead of float64.", False,
                   "float32 overflows sooner, at exp(88.7) instead of exp(709.8): the nan "
                   "comes back at far smaller scores."),
            Option("Subtract the largest score from every score before taking exp.", True,
                   "softmax(z − c) = softmax(z) for any number c, because e^(z − c) = e^z · "
                   "e^(−c) and e^(−c) cancels above and below. With c = max z the largest "
                   "exponent is e^0 = 1: no overflow, no division by 0. Here: [0.665, 0.245, "
                   "0.090]."),
        ],
    )


def softmax_gradient_question():
    """Lesson 06: what the gradient p − y does to every score, not only the true one."""
    return Question(
        "A training picture shows a 3, and the network gives it p₃ = 0.9, the rest spread "
        "over the other digits. With softmax and cross-entropy the gradient on the scores is "
        "p − y. What does one gradient step do to the scores?",
        [
            Option("It raises z₃ a little and lowers each other score in proportion to its "
                   "probability.", True,
                   "The gradient is p₃ − 1 = −0.1 for the 3 and p_k − 0 = p_k for every other "
                   "digit; a step against it raises z₃ and lowers the others, most the ones "
                   "the network wrongly favoured. Nearly right means small changes."),
            Option("It changes only z₃: the other digits all have label 0 in y, so their "
                   "gradient is exactly 0.", False,
                   "Their label is 0 but their probability is not: the gradient p_k − 0 = p_k "
                   "is positive, so every wrongly favoured digit is pushed down. That is the "
                   "competition softmax sets up."),
            Option("Nothing: 0.9 is above 0.5, so the answer is right and there is nothing "
                   "to learn.", False,
                   "Cross-entropy keeps asking for more confidence: −log 0.9 = 0.105 is not "
                   "0, so the gradient is not 0. Learning only from mistakes is the "
                   "perceptron's rule, not gradient descent's."),
            Option("It raises z₃ a lot: −log 0.9 is large, so the step is large.", False,
                   "−log 0.9 = 0.105 is small, and so is the gradient, p₃ − 1 = −0.1. The "
                   "step is large when the network is confidently wrong: with p₃ = 0.01 the "
                   "gradient on z₃ is −0.99."),
        ],
    )


def shifted_digit_question():
    """Lesson 06: why moving a digit a few pixels can fool a dense network."""
    return Question(
        "The network reads a test digit right. Moved 2 pixels to the right, the same digit is "
        "read wrong. Why?",
        [
            Option("It has too few hidden units: with a thousand of them it would read digits "
                   "anywhere on the grid.", False,
                   "More units let it fit more, but it still only sees the positions it was "
                   "trained on: the digits are all centred, so nothing teaches it what a "
                   "moved digit looks like."),
            Option("Moving the picture changes the total amount of ink, and that confuses "
                   "softmax.", False,
                   "The ink is the same (unless some falls off the edge), and softmax only "
                   "sees the ten scores. What changed is where the ink is."),
            Option("Each weight belongs to one pixel position: moved ink meets weights that "
                   "learnt something else.", True,
                   "A dense layer sees 64 numbers, not a shape: the weight on pixel (2, 3) "
                   "learnt what ink there means for each digit. Training on moved copies "
                   "helps; convolutional networks, which reuse one small detector at every "
                   "position, build the fix in."),
            Option("It was trained for too few epochs to learn where digits can be.", False,
                   "Longer training on centred digits only fits centred digits better: the "
                   "training data never shows a moved digit."),
        ],
    )
