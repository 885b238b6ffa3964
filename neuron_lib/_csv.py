"""Reading a CSV table into features and 0/1 labels, for :func:`neuron_lib.datasets.load_csv`.

Streamed: rows are read with the standard library's ``csv`` module in chunks of
:data:`CHUNK_ROWS`, each chunk's feature cells converted by numpy at once into a
preallocated float64 array (or a list of chunk arrays when the number of rows is not known
beforehand), and the labels kept as small integer codes of their distinct values. So the
memory needed is the features' own 8 bytes per value, 12 bytes per row for the labels, and
about 10 MB for the chunk being read, whatever the size of the file. Every error names the
file, the row as a spreadsheet numbers it (the header is row 1) and the column, and says how
to fix it.
"""

import csv
import difflib
import operator
import re

import numpy as np

__all__ = ["CHUNK_ROWS", "read_table"]

CHUNK_ROWS = 20_000
"""Rows parsed per chunk: large enough for numpy's conversion to dominate, small enough that
the chunk's Python strings (about 10 MB for 7 columns) stay well below the features' size."""

# How many distinct label values an error message lists before it says "...".
_MAX_LISTED = 8
_MISSING_LABELS = ("na", "nan", "n/a", "null", "none", "?")


class _Chunk:
    """Rows read but not converted yet, with the line each ends on (for messages)."""

    def __init__(self):
        self.rows, self.lines = [], []


def read_table(file, source, *, label, features, positive, delimiter, max_rows=None):
    """Parse an open CSV file (`source` names it in messages).

    Parameters
    ----------
    file : text file object
    source : str
    label, features, positive, delimiter
        As for :func:`neuron_lib.datasets.load_csv` (`features` a list of stripped names or
        None).
    max_rows : int, optional
        An upper bound on the number of data rows (from counting the file's lines): the
        features then go straight into one preallocated array.

    Returns
    -------
    X, y, feature_names, class_names, rule : ndarray, ndarray, tuple, tuple, str
    """
    reader = csv.reader(file, delimiter=delimiter, skipinitialspace=True)
    try:
        return _read(reader, source, label, features, positive, max_rows)
    except csv.Error as error:
        raise ValueError(f"{source}, line {reader.line_num}: not readable as CSV ({error}). "
                         "Expected a plain-text CSV file; save it again as CSV.") from None
    except UnicodeDecodeError:
        raise ValueError(
            f"{source} is not UTF-8 text (a byte near line {reader.line_num + 1} cannot be "
            "read). Expected a CSV file: in a spreadsheet, save as 'CSV UTF-8 (comma "
            "delimited)'.") from None


def _is_blank(row):
    return not row or (len(row) == 1 and not row[0].strip())


def _read(reader, source, label, features, positive, max_rows):
    header = next((row for row in reader if not _is_blank(row)), None)
    if header is None:
        raise ValueError(f"{source} is empty. Expected a header row with the column names, "
                         "then one row per sample, e.g. 'height,weight,label'.")
    header = [name.strip() for name in header]
    columns = _check_header(header, source, label, features, reader.dialect.delimiter)
    feature_names = tuple(features if features is not None else
                          [name for name in header if name != label])
    feature_columns = [columns[name] for name in feature_names]
    table = _Table(source, header, feature_names, feature_columns, columns[label], label,
                   max_rows, features is None)
    n_columns, last_line = len(header), reader.line_num
    chunk = _Chunk()
    rows, lines = chunk.rows, chunk.lines
    # The loop every row goes through: kept to the bare minimum of Python work.
    for row in reader:
        line = reader.line_num
        if len(row) != n_columns:
            if _is_blank(row):
                last_line = line
                continue
            raise ValueError(_row_length_message(source, last_line + 1, line, row, header))
        rows.append(row)
        lines.append(line)
        last_line = line
        if len(rows) == CHUNK_ROWS:
            table.add(chunk, reader)
            chunk = _Chunk()
            rows, lines = chunk.rows, chunk.lines
    if rows:
        table.add(chunk, reader)
    if table.n_rows == 0:
        raise ValueError(f"{source} has a header but no data rows. Expected one row per "
                         "sample below the header line.")
    X = table.features()
    y, class_names, rule = table.labels(positive)
    return X, y, feature_names, class_names, rule


def _row_length_message(source, start_line, line, row, header):
    message = (f"{source}, row {line}: {len(row)} values, but the header has {len(header)} "
               "columns. Every row needs one value per column; check for a missing value, or "
               "a comma inside a value (put such a value in double quotes).")
    if line > start_line and any("\n" in cell or "\r" in cell for cell in row):
        message = (f"{source}, row {start_line}: a quote (\") opened in this row is not closed "
                   f"on its line, so rows {start_line} to {line} were read as one row of "
                   f"{len(row)} values (the header has {len(header)} columns). Close the "
                   "quote, or remove it.")
    return message


class _Table:
    """The features and label codes read so far."""

    def __init__(self, source, header, feature_names, feature_columns, label_column, label,
                 max_rows, all_columns):
        self.source, self.header, self.label = source, header, label
        self._all_columns = all_columns
        self.feature_names, self.feature_columns = feature_names, feature_columns
        self.label_column = label_column
        self.n_rows = 0
        if len(feature_columns) == 1:  # itemgetter of one index gives a value, not a tuple
            column = feature_columns[0]
            self._cells = lambda row: (row[column],)
        else:
            self._cells = operator.itemgetter(*feature_columns)
        self._label = operator.itemgetter(label_column)
        self.X = (np.empty((max_rows, len(feature_columns))) if max_rows is not None
                  else None)
        self.parts = []  # chunk arrays, when the number of rows was not known
        self.codes = []  # per chunk: index of each row's label among the distinct values
        self.values = {}  # distinct label value -> code, in the order first seen
        self.missing_line = None

    def add(self, chunk, remaining_rows):
        cells = list(map(self._cells, chunk.rows))
        try:
            block = np.array(cells, dtype=np.float64)
        except ValueError:
            block = None
        if block is None or not np.isfinite(block).all():
            self._explain_bad_cell(chunk, cells, remaining_rows)
        self._add_labels(chunk)
        if self.X is not None and self.n_rows + len(block) <= len(self.X):
            self.X[self.n_rows:self.n_rows + len(block)] = block
        else:
            if self.X is not None:  # more rows than lines counted: cannot happen, but safe
                self.parts, self.X = [self.X[:self.n_rows].copy()], None
            self.parts.append(block)
        self.n_rows += len(block)

    def _add_labels(self, chunk):
        values = [value.strip() for value in map(self._label, chunk.rows)]
        codes = list(map(self.values.get, values))
        if None in codes:  # values not seen before (the first chunk, mostly)
            for index, value in enumerate(values):
                if codes[index] is not None:
                    continue
                if value not in self.values:
                    self._new_label(value, chunk.lines[index])
                codes[index] = self.values[value]
        self.codes.append(np.array(codes, dtype=np.int32))

    def _new_label(self, value, line):
        if not value:
            raise ValueError(f"{self.source}: label column {self.label!r}, row {line} (the "
                             "header is row 1) is empty. Every sample needs a label: fill it "
                             "in or delete that row.")
        if value.lower() in _MISSING_LABELS and self.missing_line is None:
            self.missing_line = (value, line)
        self.values[value] = len(self.values)

    def _explain_bad_cell(self, chunk, cells, remaining_rows):
        for line, row_cells in zip(chunk.lines, cells, strict=True):
            for name, cell in zip(self.feature_names, row_cells, strict=True):
                problem = _cell_problem(cell)
                if problem is None:
                    continue
                column = self.feature_columns[self.feature_names.index(name)]
                if problem == "empty" and self.n_rows == 0 and self._column_is_empty(
                        chunk, column, remaining_rows):
                    fix = ("Remove that column" + (
                        ", or leave it out with features=[...]." if self._all_columns
                        else " from features."))
                    raise ValueError(f"{self.source}: column {name!r} is empty (no value in "
                                     f"any of the {self._n_counted} rows). Expected numbers. "
                                     f"{fix}")
                raise ValueError(_bad_cell_message(self.source, name, line, cell.strip(),
                                                   problem, self._all_columns))
        raise AssertionError("unreachable: a conversion failed but every cell is a number")

    def _column_is_empty(self, chunk, column, remaining_rows):
        """Whether `column` is empty in every row, this chunk's and the rest of the file's."""
        if any(row[column].strip() for row in chunk.rows):
            return False
        self._n_counted = len(chunk.rows)
        for row in remaining_rows:
            if _is_blank(row):
                continue
            if len(row) == len(self.header) and row[column].strip():
                return False
            self._n_counted += 1
        return True

    def features(self):
        if self.X is None:
            return np.concatenate(self.parts) if len(self.parts) > 1 else self.parts[0]
        if self.n_rows < len(self.X):  # blank lines were counted as rows
            self.X.resize((self.n_rows, self.X.shape[1]), refcheck=False)
        return self.X

    def labels(self, positive):
        """Map the label values to 0/1; return (y, class_names, the rule that was used)."""
        if self.missing_line is not None:
            value, line = self.missing_line
            raise ValueError(f"{self.source}: label column {self.label!r} holds {value!r} "
                             f"(first in row {line}), which stands for a missing label, not a "
                             "class. Drop the rows without a label first.")
        codes = np.concatenate(self.codes)
        values = list(self.values)
        if any("\x00" in value for value in values):
            bad = next(value for value in values if "\x00" in value)
            raise ValueError(f"{self.source}: label column {self.label!r} holds {bad!r}, with a "
                             "NUL character (\\x00) in it: the file is probably not plain "
                             "text. Save it again as CSV.")
        # Labels that are numbers are compared as numbers: "1" and "1.0" are one class,
        # named as it is first written.
        numbers = [_as_number(value) for value in values]
        if None not in numbers:
            first_spelling = {}
            for value, number in zip(values, numbers, strict=True):
                first_spelling.setdefault(number, value)
            merged = [values.index(first_spelling[number]) for number in numbers]
            codes = np.array(merged, dtype=np.int32)[codes]
        counts = np.bincount(codes, minlength=len(values))
        classes = {values[i]: int(counts[i]) for i in range(len(values)) if counts[i]}
        if len(classes) != 2:
            raise ValueError(_class_count_message(classes, self.label, self.source))
        first, second = classes
        class_names, rule = _mapping(first, second, positive, self.label)
        y = (codes == values.index(class_names[1])).astype(np.int64)
        return y, class_names, rule


def _mapping(first, second, positive, label):
    numbers = [_as_number(first), _as_number(second)]
    if positive is not None:
        matches = [value for value, number in zip((first, second), numbers, strict=True)
                   if value == str(positive).strip()
                   or (number is not None and _as_number(str(positive)) == number)]
        if len(matches) != 1:
            raise ValueError(f"positive={positive!r} is not one of the two labels in column "
                             f"{label!r}: {first!r} and {second!r}. Pass one of them.")
        negative_value = second if matches[0] == first else first
        return (negative_value, matches[0]), f"positive={positive!r}"
    if None not in numbers:
        rule = ("0 and 1 as they are" if set(numbers) == {0.0, 1.0}
                else "the smaller number is 0; pass positive=... to choose")
        return tuple(sorted((first, second), key=_as_number)), rule
    return (tuple(sorted((first, second))),
            "alphabetical order; pass positive=... to choose which is 1")


def _as_number(text):
    try:
        return float(text)
    except ValueError:
        return None


def _check_header(header, source, label, features, delimiter):
    """Return {column name: index}; raise for unnamed or repeated names, or unknown columns."""
    listed = ", ".join(repr(name) for name in header)
    if any("\x00" in name for name in header):
        raise ValueError(f"{source}: the header holds a NUL character (\\x00): the file is "
                         "probably not plain text. Save it again as CSV.")
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
    listed = ", ".join(repr(column) for column in header[:_MAX_LISTED * 2])
    if len(header) > _MAX_LISTED * 2:
        listed += f" and {len(header) - _MAX_LISTED * 2} more"
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


def _cell_problem(cell):
    """None for a finite number; otherwise "empty", "not a number" or "not finite"."""
    if not cell.strip():
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
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+", cell):
        whole = cell.replace(",", "")
        fix = (f"It looks like a thousands separator ({cell} for {whole}): write {whole}, "
               "without the comma. (If the comma is a decimal comma instead, write the "
               "number with a point, e.g. 1.5.)")
    elif re.fullmatch(r"[-+]?\d+,\d+", cell):
        fix = "It looks like a decimal comma: write the number with a point, e.g. 1.5."
    elif all_columns:
        fix = ("If this column is not a feature (a name, an id, text), leave it out with "
               "features=[...]; otherwise replace the value with a number.")
    else:
        fix = "Replace the value with a number, or take the column out of features."
    shown = cell if len(cell) <= 60 else cell[:57] + "..."
    return f"{where} is {shown!r}, expected a number. {fix}"


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
