"""The course's colours and markers, defined once: colour-blind safe, always with a second cue.

The colours are matplotlib's ``petroff10`` cycle (Petroff 2021, chosen for colour-vision
deficiencies; shipped with matplotlib 3.10 and later, copied here so that older versions
draw the same). Nothing here changes matplotlib's global state: figures ask for these values.

Every pair that carries meaning (ham and spam, right and wrong) also differs in a second
way: a marker shape, a symbol (✔ ✘) or a label, so that no one depends on colour alone.
"""

__all__ = [
    "ACTIVATION_COLORS",
    "BOUNDARY",
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "MUTED",
    "PALETTE",
    "RIGHT",
    "WRONG",
    "class_style",
]

PALETTE = ("#3f90da", "#ffa90e", "#bd1f01", "#94a4a2", "#832db6", "#a96b59", "#e76300",
           "#b9ac70", "#717581", "#92dadd")
"""The ten colours of ``petroff10``, in order."""

BLUE, ORANGE, RED, GREY, PURPLE, BROWN, DARK_ORANGE, KHAKI, SLATE, CYAN = PALETTE

ACTIVATION_COLORS = {"sigmoid": BLUE, "relu": DARK_ORANGE, "tanh": PURPLE,
                     "leaky_relu": BROWN, "softmax": SLATE, "identity": GREY}
"""One colour per activation function, the same in every figure."""

CLASS_COLORS = {0: BLUE, 1: DARK_ORANGE}
"""Class 0 (ham) blue, class 1 (spam) orange: told apart by every kind of colour vision."""

CLASS_MARKERS = {0: "o", 1: "^"}
"""The second cue for the classes: circles for 0 (ham), triangles for 1 (spam)."""

RIGHT = "#1f62a8"
"""Text colour of a right answer or a passed check (shown with ✔), dark enough to read."""

WRONG = "#b02a00"
"""Text colour of a wrong answer or a problem (shown with ✘)."""

MUTED = "#555555"
"""Text colour of notes."""

BOUNDARY = "black"
"""The decision boundary, dashed; drawn with a white edge so that it shows on any colour."""


def class_style(label):
    """Keyword arguments for ``ax.scatter`` of class `label` (0 or 1): colour and marker.

    Examples
    --------
    >>> class_style(1)
    {'color': '#e76300', 'marker': '^'}
    """
    return {"color": CLASS_COLORS[label], "marker": CLASS_MARKERS[label]}
