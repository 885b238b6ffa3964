"""Pure drawing: ``draw_*(ax, ...)`` makes artists, ``update_*(...)`` moves them.

Also :class:`LiveFigure`, a figure that is built once and then redrawn in place by blitting:
the static parts (axes, curves, labels) are rendered once and cached as a background; a
slider move restores that background and redraws only the artists that move.
"""

import io
import sys
import warnings

import numpy as np
from matplotlib.figure import Figure

from .activations import get_activation
from .style import ACTIVATION_COLORS, CLASS_COLORS


def _import_ipympl():
    """Import ipympl without letting it change the learner's matplotlib backend.

    ipympl's ``__init__`` calls ``matplotlib.use("module://ipympl.backend_nbagg")`` when
    matplotlib is loaded, which would turn every later ``plt.show()`` of the lesson into a
    widget (and switching back afterwards leaves the inline backend without its PNG
    output). So ``matplotlib.use`` does nothing for the duration of that import.
    """
    import matplotlib

    if "ipympl" in sys.modules:
        return
    use = matplotlib.use
    matplotlib.use = lambda *args, **kwargs: None
    try:
        import ipympl  # noqa: F401
    finally:
        matplotlib.use = use


def _new_canvas(figure, interactive):
    """Attach an ipympl canvas (a widget) when asked and available, else a plain Agg one."""
    if interactive:
        try:
            _import_ipympl()
            from ipympl.backend_nbagg import Canvas, FigureManager
        except ImportError:
            interactive = False
    if not interactive:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        return FigureCanvasAgg(figure)
    # ipympl's Toolbar triggers a traitlets DeprecationWarning on creation (ipympl issue
    # #611); it is theirs to fix and says nothing to a learner, so it is silenced here only.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning,
                                message=r"Passing unrecognized arguments to super\(Toolbar\)")
        canvas = Canvas(figure)
        # A manager gives the canvas its channel to the browser; it is not registered with
        # pyplot, so demos never add to plt.get_fignums() nor trigger "too many figures".
        FigureManager(canvas, 0)
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    canvas.capture_scroll = False
    # Inside a widget layout ipympl's own display step never runs (ipympl issue #472), so
    # do its part here: tell the browser the size up front, and do not keep a picture in
    # `_data_url` (ipympl stores it without its "data:" prefix, which breaks the view; the
    # demos show their own still for pages without a kernel). This also spares a full PNG
    # encoding per update until the browser connects.
    width, height = figure.bbox.size
    canvas._size = (width, height)
    canvas.syncing_data_url = False
    return canvas


def _png_image(pixels):
    from PIL import Image  # comes with matplotlib

    return Image.fromarray(pixels)


class LiveFigure:
    """A matplotlib figure that is drawn once, then updated in place by blitting.

    Parameters
    ----------
    figsize : (float, float)
        Width and height in inches.
    dpi : float
        Dots per inch; fewer pixels means faster updates.
    interactive : bool
        True: an ipympl canvas, itself a widget that shows in JupyterLab. False: an Agg
        canvas (scripts, tests, no browser).

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    canvas : FigureCanvasAgg or ipympl Canvas
    n_full_draws, n_blits : int
        How often the whole figure was rendered, and how often only the moving artists.
    """

    def __init__(self, figsize, *, dpi=90, interactive=True):
        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        self.canvas = _new_canvas(self.figure, interactive)
        self.interactive = self.canvas.__class__.__module__.startswith("ipympl")
        self._animated = []
        self._background = None
        self._background_size = None
        self.n_full_draws = 0
        self.n_blits = 0
        self.canvas.mpl_connect("draw_event", self._on_draw)

    def reset(self):
        """Clear the figure for a new layout; the next refresh renders everything afresh."""
        self.figure.clear()
        self._animated = []
        self._background = None

    def animate(self, *artists):
        """Mark artists as moving: left out of the cached background, redrawn on refresh."""
        for artist in artists:
            artist.set_animated(True)
            self._animated.append(artist)
        return artists

    def _on_draw(self, event):
        # Called after every full render (ours, or one the browser asked for after a resize
        # or a change of pixel density): cache the static picture, then paint the movers.
        if event is not None and event.canvas is not self.canvas:
            return
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._background_size = self.canvas.get_width_height(physical=True)
        self._draw_animated()

    def _draw_animated(self):
        for artist in self._animated:
            self.figure.draw_artist(artist)

    def refresh(self):
        """Show the current state of every artist, as cheaply as possible.

        A blit of the moving artists over the cached background when that background is
        current; a full render otherwise (first time, or after a resize).
        """
        if (self._background is None
                or self._background_size != self.canvas.get_width_height(physical=True)):
            self.n_full_draws += 1
            self.canvas.draw()  # fires draw_event, which caches the background
            return
        self.n_blits += 1
        self.canvas.restore_region(self._background)
        self._draw_animated()
        if self.interactive:
            self._send_whole_frame()

    def _send_whole_frame(self):
        # ipympl's own blit sends only the pixels that changed since its last frame, and the
        # browser paints them over what it shows. A frame lost on the way (the browser drops
        # one when the next arrives before it has loaded) or painted in the wrong mode then
        # leaves ghosts for good. A whole frame repairs everything; fast PNG compression
        # keeps it cheap (about 5 ms for these figures).
        pixels = np.asarray(self.canvas.buffer_rgba())
        with io.BytesIO() as png:
            _png_image(pixels).save(png, format="png", compress_level=1)
            frame = png.getvalue()
        self.canvas.set_image_mode("full")  # a message only if the mode changes
        # ipympl diffs its own next frame (after a resize, say) against this one.
        self.canvas._last_buff = pixels.view(np.uint32).squeeze(2).copy()
        self.canvas.send_binary(frame)

    def to_png(self):
        """Return the figure as it is shown now, as PNG bytes (for pages without a kernel)."""
        if self._background is None:
            self.refresh()
        with io.BytesIO() as png:
            _png_image(np.asarray(self.canvas.buffer_rgba())).save(png, format="png")
            return png.getvalue()


def draw_activation(ax, name, z_max, *, n_points=401, show_verdict=False):
    """Draw the curve of activation `name` over z in [-z_max, z_max], titled with its formula.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    name : str
        A key of ``neuron_lib.ACTIVATIONS``: "sigmoid", "relu", "tanh" or "leaky_relu".
    z_max : float
        Half-width of the z axis.
    n_points : int
        Points on the curve.
    show_verdict : bool
        For the sigmoid: shade where it says "spam" (output >= 0.5) and label "ham" below.

    Returns
    -------
    matplotlib.lines.Line2D
        The curve.

    Raises
    ------
    ValueError
        For an unknown activation name.
    """
    activation = get_activation(name)
    if activation.name == "softmax":
        curves = ", ".join(other for other in ACTIVATION_COLORS if other != "softmax")
        raise ValueError(f"Unknown activation 'softmax'. Choose one of: {curves} (softmax is no "
                         "curve over one z: it turns a row of scores into probabilities).")
    z = np.linspace(-z_max, z_max, n_points)
    (curve,) = ax.plot(z, activation.function(z), color=ACTIVATION_COLORS[activation.name], lw=2)
    ax.set_title(activation.formula, fontsize=11)
    ax.set_xlabel("weighted sum $z$")
    ax.set_xlim(-z_max, z_max)
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.grid(alpha=0.3)
    if name == "sigmoid":
        ax.set_ylim(-0.05, 1.05)
        if show_verdict:
            ax.axhline(0.5, color="0.4", lw=0.8, ls=":")
            ax.axhspan(0.5, 1.05, color=CLASS_COLORS[1], alpha=0.08)
            ax.text(-0.96 * z_max, 0.9, "spam", color=CLASS_COLORS[1], fontsize=9)
            ax.text(-0.96 * z_max, 0.05, "ham", color=CLASS_COLORS[0], fontsize=9)
    elif name == "tanh":
        ax.set_ylim(-1.1, 1.1)
    else:
        ax.set_ylim(-0.05 * z_max, 1.05 * z_max)
    return curve


def draw_marker(ax, color):
    """Draw a point on a curve with a dashed guide down to the z axis and a value label.

    Returns
    -------
    dict
        ``{"point", "guide", "label"}``: the artists :func:`update_marker` moves.
    """
    (point,) = ax.plot([0.0], [0.0], "o", ms=9, color=color, mec="black", mew=1, zorder=5)
    (guide,) = ax.plot([0.0, 0.0], [0.0, 0.0], "--", color=color, lw=1.2, zorder=4)
    label = ax.text(0.0, 0.0, "", fontsize=10, fontweight="bold", color=color, zorder=6,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": color, "alpha": 0.9})
    return {"point": point, "guide": guide, "label": label}


def update_marker(marker, z, y, text):
    """Move a marker made by :func:`draw_marker` to (z, y) and set its label."""
    ax = marker["point"].axes
    marker["point"].set_data([z], [y])
    bottom = ax.get_ylim()[0]
    marker["guide"].set_data([z, z], [bottom, y])
    # Keep the label inside the axes: left of the point on the right half, right of it else.
    left, right = ax.get_xlim()
    on_right_half = z > (left + right) / 2
    offset = 0.04 * (right - left)
    label = marker["label"]
    label.set_position((z - offset if on_right_half else z + offset, y))
    label.set_horizontalalignment("right" if on_right_half else "left")
    label.set_verticalalignment("center")
    label.set_text(text)


def draw_curve(ax, color, *, dashed=False, label=None):
    """Draw an empty line, to be filled by :func:`update_curve` (a curve that moves)."""
    (line,) = ax.plot([], [], color=color, lw=1.6 if dashed else 2.2,
                      ls="--" if dashed else "-", label=label)
    return line


def update_curve(line, x, y):
    """Give a line made by :func:`draw_curve` new points."""
    line.set_data(x, y)


def draw_heatmap(ax, limit, *, vmin, vmax, cmap, n_points, extend_max=False):
    """Draw an empty heat map over the square [-limit, limit]^2 with a colour bar.

    `extend_max` marks the colour bar's top as "and above", for values beyond `vmax`.

    Returns
    -------
    matplotlib.image.AxesImage
        Fill it with :func:`update_heatmap`.
    """
    image = ax.imshow(np.zeros((n_points, n_points)), extent=(-limit, limit, -limit, limit),
                      origin="lower", vmin=vmin, vmax=vmax, cmap=cmap,
                      interpolation="nearest", aspect="equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$", labelpad=-2)
    ax.figure.colorbar(image, ax=ax, shrink=0.9, extend="max" if extend_max else "neither")
    return image


def update_heatmap(image, values):
    """Show new values, an (n_points, n_points) array with rows along x2, in a heat map."""
    image.set_data(values)


def draw_boundary(ax):
    """Draw the (empty) line where a two-input neuron's weighted sum is 0."""
    (line,) = ax.plot([], [], color="black", lw=2, ls="--", label="$w \\cdot x + b = 0$")
    return line


def boundary_points(w1, w2, b, limit):
    """Two points of the line w1*x1 + w2*x2 + b = 0 spanning the square [-limit, limit]^2.

    Solves for the coordinate with the larger coefficient, so the points are always finite.
    Returns two empty lists when w1 = w2 = 0 (then there is no line).
    """
    ends = np.array([-limit, limit], dtype=float)
    if w1 == 0 and w2 == 0:
        return [], []
    if abs(w2) >= abs(w1):
        return ends, -(w1 * ends + b) / w2
    return -(w2 * ends + b) / w1, ends


def update_boundary(line, w1, w2, b, limit):
    """Move a line made by :func:`draw_boundary` to w1*x1 + w2*x2 + b = 0."""
    line.set_data(*boundary_points(w1, w2, b, limit))
