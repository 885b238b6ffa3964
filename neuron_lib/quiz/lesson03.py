"""Lesson 03 (Training a neuron): its quiz questions.

Options have the same form and about the same length; each wrong option is a misconception
learners really hold (several were found in earlier versions of this very course), and the
reasons live in the feedback.
"""

from .base import Option, Question

__all__ = ["false_positive_question", "held_out_question", "saturated_output_question",
           "step_too_long_question", "weight_importance_question"]


def step_too_long_question():
    """Lesson 03: what a rising loss during gradient descent means."""
    return Question(
        "You take one gradient-descent step and the loss goes UP. What is the most likely "
        "cause?",
        [
            Option("The gradient points uphill, so the step went the wrong way.", False,
                   "The gradient does point uphill, and the step goes against it, so near w "
                   "it goes downhill. Only a sign slip in the code steps uphill; a correct "
                   "step that is too long can still end higher."),
            Option("There are too few training emails for one step to help.", False,
                   "The number of emails shapes the loss curve, but on any curve a short "
                   "enough step against the slope lowers the loss. Whether it goes up is "
                   "decided by the step length, η × slope."),
            Option("The learning rate is too large: the step overshot the bottom.", True,
                   "The gradient says which way is downhill only near w. A step longer than "
                   "about 2 ÷ curvature jumps past the bottom and lands higher, as η = 40 "
                   "does in the gradient-descent demo. Halve η and try again."),
            Option("The loss always rises at first, then falls as training goes on.", False,
                   "With a small enough learning rate, full-batch gradient descent lowers "
                   "the loss at every step, the first one included. (With mini-batches, met "
                   "in a later lesson, the loss does wobble.)"),
        ],
    )


def saturated_output_question():
    """Lesson 03: why a confidently wrong output neuron learns fast with cross-entropy."""
    return Question(
        "A sigmoid neuron trained with cross-entropy says ŷ = 0.01 for an email that is "
        "spam (y = 1). How hard does this email pull on the weights at the next step?",
        [
            Option("Barely: the sigmoid is flat there, so its slope is tiny.", False,
                   "The slope is tiny, ŷ(1 − ŷ) ≈ 0.0099, but cross-entropy's own slope, "
                   "(ŷ − y) ÷ (ŷ(1 − ŷ)), cancels it. The slowdown is real with squared error "
                   "(section 4 shows it) and in hidden neurons, not here."),
            Option("Not at all: its loss is capped, so the step ignores it.", False,
                   "The loss is not capped: −log 0.01 ≈ 4.6, and it grows without end as ŷ "
                   "goes to 0 (the library only clips at 36 to stay finite). Confident "
                   "mistakes cost the most and pull the hardest."),
            Option("As hard as any other email: each one pulls the same.", False,
                   "Each email pulls in proportion to its error ŷ − y, times its inputs. An "
                   "email the neuron gets nearly right barely pulls; one it gets confidently "
                   "wrong pulls hardest."),
            Option("Hard: its error ŷ − y is −0.99, about as large as it gets.", True,
                   "With cross-entropy the sigmoid's slope cancels: the email adds (ŷ − y)·x "
                   "to the gradient, and ŷ − y = −0.99. The more confidently wrong, the "
                   "harder the pull. That is why we train sigmoid outputs with cross-entropy."),
        ],
    )


def weight_importance_question():
    """Lesson 03: weights are conditional on the other features, not importance scores."""
    return Question(
        "Trained on \"dollar\" alone, a neuron gives it weight 2.89; beside \"bang\", 2.65; "
        "among all six features, 1.52. Why does the weight of \"dollar\" drop?",
        [
            Option("It became less important once more features joined.", False,
                   "\"dollar\" says as much about spam as before; what changed is its company. Its "
                   "weight now counts only what the others do not already say. A larger "
                   "weight does not mean a more important feature, nor a smaller one a "
                   "less important one."),
            Option("Other features already say part of what it says.", True,
                   "A weight is a feature's effect with the other features held fixed. "
                   "\"dollar\" goes with \"n000\", \"money\" and capitals (correlations 0.24 "
                   "to 0.43), so "
                   "once they are in, part of its evidence is already counted. Compare "
                   "weights within one model only, and never read them as importance."),
            Option("One training went wrong: a feature's weight is fixed.", False,
                   "Each training reached the minimum of its own loss (a single neuron's "
                   "loss has one minimum). Other features make another loss, with its "
                   "minimum elsewhere: the same feature gets another weight."),
            Option("Each model standardised it with different numbers.", False,
                   "All three use the same standardised \"dollar\", scaled with the mean and "
                   "standard deviation of the same training emails. The weights differ "
                   "because the other features in the model differ."),
        ],
    )


def held_out_question():
    """Lesson 03: which emails a choice such as the threshold is made on."""
    return Question(
        "You want fewer real emails in the spam folder, so you will raise the threshold "
        "above 0.5. On which emails should you choose the new threshold?",
        [
            Option("The test emails: they show how it does in real use.", False,
                   "That is the trap. A threshold chosen by looking at the test emails is "
                   "fitted to them, and their precision no longer estimates new emails: it "
                   "flatters. Choose on validation emails; open the test set once, at the "
                   "end."),
            Option("The validation emails: kept out of training for this.", True,
                   "They played no part in learning the weights, so a choice made on them is "
                   "not flattered by training, and the test emails stay untouched for one "
                   "final, honest measurement."),
            Option("The training emails: there are more of them than any.", False,
                   "The weights were fitted to the training emails, so the neuron looks a "
                   "little better on them than on new ones, and a threshold chosen there "
                   "can disappoint. Choose on emails it never learned from."),
            Option("All 4,601 emails together, so that none is wasted.", False,
                   "That mixes both traps: the test emails would help make a choice, and "
                   "the training emails would flatter it. Keep three separate sets: "
                   "training, validation, test."),
        ],
    )


def false_positive_question():
    """Lesson 03: which mistake of a spam filter costs more."""
    return Question(
        "A spam filter can send a real email to the spam folder (a false positive) or let "
        "a spam through (a false negative). Which usually costs the user more?",
        [
            Option("The false positive: a real email may go unseen for weeks.", True,
                   "A job offer or a bill lost in the spam folder costs far more than a "
                   "second spent deleting a spam. So spam filters favour precision (few "
                   "false positives) over recall, and raise the threshold above 0.5."),
            Option("The false negative: every spam let through is a risk.", False,
                   "A spam in the inbox costs a second to delete; a lost real email can cost "
                   "far more. (A phishing filter may weigh them the other way: the costs "
                   "are a choice that depends on the use.)"),
            Option("Neither: both cost the same, so accuracy says it all.", False,
                   "Accuracy counts both mistakes alike; that is exactly why precision and "
                   "recall are reported beside it. Here a false positive costs more."),
        ],
    )
