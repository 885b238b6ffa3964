"""Lesson 06's pictures: digits, probability bars, a confusion matrix, a gallery.

Pure drawing (``draw_*(ax, ...)`` makes artists, ``update_*`` moves them), for the lesson's
demos and figures; they live beside the demos rather than in :mod:`neuron_lib.plots`.
Three pieces make a figure cheap to redraw on every mouse move: :class:`InkImage` (a
picture drawn in numpy), :class:`CachedText` (a label pasted from a picture of itself) and
:func:`quick_png` (a frame encoded without a filter search).
"""

import struct
import zlib
from typing import ClassVar

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.collections import PolyCollection
from matplotlib.image import AxesImage
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform

from ..images import DIGIT_SIDE, FULL_INK
from ..plots import LiveFigure
from ..style import PALETTE

__all__ = ["GRID_COLOR", "GUESS_COLOR", "INK_CMAP", "N_CLASSES", "OTHER_COLOR", "CachedText",
           "InkImage", "QuickFrames", "bar_heights", "draw_bars", "draw_confusion_matrix",
           "draw_digit_gallery", "draw_digit_image", "draw_probability_bars", "quick_png",
           "update_bars", "update_probability_bars"]

N_CLASSES = 10
INK_CMAP = "gray_r"  # ink black on white paper, the way a digit is written
GUESS_COLOR = PALETTE[6]  # dark orange: the guessed digit (also labelled: not colour alone)
OTHER_COLOR = PALETTE[0]  # blue: every other digit
GRID_COLOR = PALETTE[3]  # grey: the pixel grid over a picture
MISTAKE_COLOR = PALETTE[1]  # orange: mistakes in a confusion matrix
_GRID_RGBA = np.array([int(GRID_COLOR[i:i + 2], 16) for i in (1, 3, 5)] + [255], np.uint8)
_FRAME_RGBA = np.array([0, 0, 0, 255], np.uint8)


class InkImage(AxesImage):
    """A picture of ink levels in a frame, with a grid of blocks, drawn in numpy.

    matplotlib's own image path (masked arrays, resampling, colour mapping) and a line
    collection for the grid cost a few milliseconds per draw; redrawn on every mouse move,
    that is a large share of the drawing demo's budget. A picture of a few dozen cells, shown
    straight, needs none of it: each screen pixel takes the colour of the cell under its
    centre (what ``interpolation="nearest"`` gives), and grid and frame are rows and columns
    of pixels painted over it. Values must be finite.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    grid_every : int, default 0
        A grey line between every `grid_every` cells, or none for 0. The frame is always
        drawn.
    **kwargs
        As for :class:`matplotlib.image.AxesImage` (``cmap``, ``extent``, ...).
    """

    def __init__(self, ax, *, grid_every=0, **kwargs):
        super().__init__(ax, **kwargs)
        self.grid_every = grid_every
        self._lookup = (None, None)
        self._layout = (None, None)

    def _screen_cells(self, shape, width, height):
        """For each screen pixel, the flat index of its cell, or of the grid or frame colour
        (two extra entries after the cells); cached, as it changes only with the size."""
        key = (shape, width, height)
        if self._layout[0] != key:
            n_rows, n_cols = shape
            # The picture is drawn from its bottom row up: row 0 of the array is the top.
            rows = ((np.arange(height)[::-1] + 0.5) * n_rows / height).astype(int)
            cols = ((np.arange(width) + 0.5) * n_cols / width).astype(int)
            cells = rows[:, None] * n_cols + cols[None, :]
            if self.grid_every:  # a line where the cell index reaches a multiple of it
                starts_row = np.flatnonzero((np.diff(rows) != 0)
                                            & (rows[:-1] % self.grid_every == 0))
                starts_col = np.flatnonzero((np.diff(cols) != 0)
                                            & (cols[1:] % self.grid_every == 0)) + 1
                cells[starts_row] = n_rows * n_cols
                cells[:, starts_col] = n_rows * n_cols
            cells[[0, -1]] = cells[:, [0, -1]] = n_rows * n_cols + 1
            self._layout = (key, cells)
        return self._layout[1]

    def make_image(self, renderer, magnification=1.0, unsampled=False):
        transform = self.get_transform()
        if unsampled or not transform.is_affine or magnification != 1.0:
            return super().make_image(renderer, magnification, unsampled)
        left, right, bottom, top = self.get_extent()
        (x0, y0), (x1, y1) = np.rint(transform.transform([(left, top), (right, bottom)]))
        x0, x1 = sorted((int(x0), int(x1)))
        y0, y1 = sorted((int(y0), int(y1)))
        if x1 - x0 < 2 or y1 - y0 < 2:
            return None, 0, 0, None
        values = np.asarray(self.get_array(), dtype=float)
        # The colour map's lookup table, indexed as matplotlib does (level = floor(x * N)),
        # with the grid's and the frame's colours after it.
        n_levels, low, high = self.cmap.N, self.norm.vmin, self.norm.vmax
        if self._lookup[0] is not self.cmap:
            colours = np.vstack([self.cmap(np.arange(n_levels), bytes=True), _GRID_RGBA,
                                 _FRAME_RGBA])
            # One 32-bit word per colour: gathering words is several times quicker than
            # gathering rows of four bytes.
            self._lookup = (self.cmap, np.ascontiguousarray(colours).view(np.uint32).ravel())
        levels = np.empty(values.size + 2, dtype=np.intp)
        levels[:-2] = ((values.ravel() - low) * (n_levels / (high - low)))
        np.clip(levels[:-2], 0, n_levels - 1, out=levels[:-2])
        levels[-2:] = n_levels, n_levels + 1
        cells = self._screen_cells(values.shape, x1 - x0, y1 - y0)
        words = np.take(self._lookup[1], np.take(levels, cells))
        return words.view(np.uint8).reshape(*cells.shape, 4), x0, y0, None


def draw_digit_image(ax, pixels=None, *, side=DIGIT_SIDE, vmax=FULL_INK, grid_every=0):
    """Draw a square picture of ink (0 = paper, `vmax` = full ink) in a frame, without ticks.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    pixels : array_like of shape (side, side) or (side * side,), optional
        Ink per pixel; all paper when omitted.
    side : int, default 8
    vmax : float, default 16
        Full ink: 16 for the digits' 8x8 pixels, 1 for a drawing pad.
    grid_every : int, default 0
        Draw faint lines every `grid_every` pixels (a grid of blocks), or none for 0.

    Returns
    -------
    InkImage
        Give it new pixels with ``image.set_data(pixels)``.
    """
    pixels = np.zeros((side, side)) if pixels is None else np.asarray(pixels, float)
    image = InkImage(ax, grid_every=grid_every, cmap=INK_CMAP, interpolation="nearest",
                     extent=(-0.5, side - 0.5, side - 0.5, -0.5))
    image.set_data(pixels.reshape(side, side))
    image.set_clim(0.0, vmax)
    ax.add_image(image)
    ax.set_xlim(-0.5, side - 0.5)
    ax.set_ylim(side - 0.5, -0.5)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)  # the picture draws its own frame
    return image


class CachedText(Text):
    """Text drawn from a picture of itself, rendered once per string, size and colour.

    Laying out and rendering glyphs costs about a millisecond per text; a label redrawn on
    every mouse move with one of a few dozen strings is cheaper pasted as a picture. Other
    renderers than Agg (a PDF, an SVG) draw it as ordinary text.
    """

    _pictures: ClassVar[dict] = {}  # shared: the same strings recur in every such demo

    def draw(self, renderer):
        if not isinstance(renderer, RendererAgg) or not self.get_visible() \
                or not self.get_text() or self.get_rotation() != 0:
            return super().draw(renderer)
        anchor = self.get_transform().transform(self.get_unitless_position())
        key = (self.get_text(), renderer.dpi, self.get_color(), self.get_fontsize(),
               self.get_fontweight(), self.get_horizontalalignment(),
               self.get_verticalalignment())
        if key not in self._pictures:
            if len(self._pictures) > 1000:
                self._pictures.clear()
            self._pictures[key] = self._render(renderer, anchor)
        picture, (dx, dy) = self._pictures[key]
        gc = renderer.new_gc()
        self._set_gc_clip(gc)
        x, y = np.rint(anchor + (dx, dy)).astype(int)
        renderer.draw_image(gc, x, y, picture)
        gc.restore()
        self.stale = False

    def _render(self, renderer, anchor):
        """This text alone on a transparent canvas, and where it sits from the anchor."""
        extent = super().get_window_extent(renderer)
        margin = 2
        width, height = int(np.ceil(extent.width)) + 2 * margin, \
            int(np.ceil(extent.height)) + 2 * margin
        scratch = RendererAgg(width, height, renderer.dpi)
        scratch.clear()
        copy = Text(anchor[0] - extent.x0 + margin, anchor[1] - extent.y0 + margin,
                    self.get_text(), color=self.get_color(), fontsize=self.get_fontsize(),
                    fontweight=self.get_fontweight(), ha=self.get_horizontalalignment(),
                    va=self.get_verticalalignment(), transform=IdentityTransform())
        copy.figure = self.figure
        copy.draw(scratch)
        # Agg's rows run top to bottom; draw_image wants the bottom row first.
        picture = np.asarray(scratch.buffer_rgba())[::-1].copy()
        return picture, (extent.x0 - anchor[0] - margin, extent.y0 - anchor[1] - margin)


def _bar_outlines(heights, width=0.75):
    return [[(k - width / 2, 0.0), (k - width / 2, h), (k + width / 2, h), (k + width / 2, 0.0)]
            for k, h in enumerate(heights)]


def draw_bars(ax, labels, color=OTHER_COLOR):
    """Draw one empty bar per label, as one collection (one draw call, cheap to redraw).

    Returns
    -------
    matplotlib.collections.PolyCollection
        Give it heights with :func:`update_bars`.
    """
    bars = PolyCollection(_bar_outlines(np.zeros(len(labels))), facecolors=color,
                          edgecolors="none")
    ax.add_collection(bars)
    ax.set_xticks(np.arange(len(labels)), labels)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    return bars


def update_bars(bars, heights):
    """Give bars drawn by :func:`draw_bars` new heights (negative ones hang below 0)."""
    bars.set_verts(_bar_outlines(heights))


def bar_heights(bars):
    """The heights of bars drawn by :func:`draw_bars` (what the picture shows)."""
    return np.array([path.vertices[1, 1] for path in bars.get_paths()])


def draw_probability_bars(ax, n_classes=N_CLASSES):
    """Draw `n_classes` empty probability bars, labelled 0 to n - 1, on a 0-100% axis.

    Returns
    -------
    dict
        ``{"bars", "label"}``: the bars (see :func:`draw_bars`) and the percentage over the
        largest, which :func:`update_probability_bars` moves.
    """
    bars = draw_bars(ax, [str(k) for k in range(n_classes)])
    ax.set_ylim(0.0, 1.12)
    ax.set_yticks([0.0, 0.25, 0.5, 0.75, 1.0], ["0", "25%", "50%", "75%", "100%"])
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    label = ax.add_artist(CachedText(0, 0, "", ha="center", va="bottom", fontsize=9,
                                     fontweight="bold", color=GUESS_COLOR,
                                     transform=ax.transData, clip_on=False))
    return {"bars": bars, "label": label}


def update_probability_bars(artists, probabilities):
    """Set the bars to `probabilities` and mark the largest: its colour and its percentage."""
    probabilities = np.asarray(probabilities, dtype=float)
    guess = int(np.argmax(probabilities))
    colors = [OTHER_COLOR] * len(probabilities)
    colors[guess] = GUESS_COLOR
    update_bars(artists["bars"], probabilities)
    artists["bars"].set_facecolors(colors)
    artists["label"].set_position((guess, probabilities[guess] + 0.01))
    artists["label"].set_text(f"{probabilities[guess]:.0%}")


def _png_chunk(tag, data):
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def quick_png(rgba):
    """An RGBA picture, shape (height, width, 4) of uint8, as PNG bytes, written quickly.

    No per-row filter search (Pillow tries several filters per row): about 40% quicker than
    Pillow at the same zlib level for the drawing demo's frames, which are sent on every
    mouse move.
    """
    height, width = rgba.shape[:2]
    rows = np.empty((height, 1 + 4 * width), np.uint8)
    rows[:, 0] = 0  # filter type 0 (none) for every row
    rows[:, 1:] = rgba.reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows, 1)) + _png_chunk(b"IEND", b""))


class QuickFrames(LiveFigure):
    """A LiveFigure whose whole frames are encoded by :func:`quick_png`."""

    def _send_whole_frame(self):
        pixels = np.asarray(self.canvas.buffer_rgba())
        self.canvas.set_image_mode("full")  # a message only if the mode changes
        self.canvas._last_buff = pixels.view(np.uint32).squeeze(2).copy()
        self.canvas.send_binary(quick_png(pixels))


def draw_confusion_matrix(ax, matrix, class_names=None):
    """Draw a K x K confusion matrix: rows the true class, columns the prediction.

    Right answers (the diagonal) are pale blue, mistakes orange, darker the more there are;
    every count that is not 0 is written in its cell (a blank cell is 0), so that the
    picture reads without colour too.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    matrix : array_like of shape (K, K)
        Counts, as :func:`neuron_lib.metrics.confusion_matrix` gives them.
    class_names : sequence of str, optional
        Labels of the K classes; default "0" to "K - 1".

    Returns
    -------
    matplotlib.image.AxesImage
    """
    counts = np.asarray(matrix)
    n_classes = len(counts)
    names = [str(k) for k in range(n_classes)] if class_names is None else list(class_names)
    mistakes = counts * (1 - np.eye(n_classes, dtype=counts.dtype))
    most = max(int(mistakes.max()), 1)
    colours = np.ones((n_classes, n_classes, 4))
    right, wrong = (np.array(_rgb(color)) for color in (OTHER_COLOR, MISTAKE_COLOR))
    colours[..., :3] = 1.0 - (1.0 - wrong) * (0.25 + 0.75 * mistakes / most)[..., None]
    colours[mistakes == 0] = (1.0, 1.0, 1.0, 1.0)
    diagonal = np.arange(n_classes)
    colours[diagonal, diagonal, :3] = 1.0 - 0.35 * (1.0 - right)
    image = ax.imshow(colours, interpolation="nearest")
    for row, col in zip(*np.nonzero(counts)):
        ax.text(col, row, str(counts[row, col]), ha="center", va="center", fontsize=8,
                fontweight="bold" if row != col else "normal")
    ax.set_xticks(range(n_classes), names)
    ax.set_yticks(range(n_classes), names)
    ax.set_xlabel("the network's answer")
    ax.set_ylabel("the true digit")
    ax.set_xticks(np.arange(n_classes + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(n_classes + 1) - 0.5, minor=True)
    ax.grid(which="minor", color=GRID_COLOR, lw=0.5)
    ax.tick_params(which="minor", length=0)
    return image


def draw_digit_gallery(axes, images, captions):
    """Draw 8x8 digits (pixels 0 to 16) in a grid of axes, one caption each.

    Parameters
    ----------
    axes : array of matplotlib.axes.Axes
        At least as many as images; the rest are hidden.
    images : array_like of shape (n, 64) or (n, 8, 8)
    captions : sequence of str
        One per image, shown above it.
    """
    images = np.asarray(images, dtype=float).reshape(-1, DIGIT_SIDE, DIGIT_SIDE)
    axes = np.ravel(axes)
    for ax, pixels, caption in zip(axes, images, captions):
        draw_digit_image(ax, pixels)
        ax.set_title(caption, fontsize=9)
    for ax in axes[len(images):]:
        ax.set_visible(False)


def _rgb(hex_color):
    return [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
