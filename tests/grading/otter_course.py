"""Grade the exported course with otter-grader (run by test_graders.py with otter installed).

    python otter_course.py OTTER_DIR RESULTS.json LIBRARY_EXERCISE

OTTER_DIR is what `tools/export_graders.py --otter` wrote. For every assignment this runs
Otter Assign, then grades without Docker, as `otter run` does: the student notebook untouched
("blank"), the student notebook with each answer cell as the solution has it ("solved"),
and for the first assignment a solved notebook whose exercise is LIBRARY_EXERCISE
("library"). Writes {student: {assignment: {question: [score, max]}}}.
"""

import json
import re
import sys
from pathlib import Path

ANSWER_CELL_TAG = "otter_answer_cell"
MARKER = re.compile(r"^\s*# (BEGIN SOLUTION NO PROMPT|END SOLUTION)\s*$")


def learner_code(solution_text):
    """An answer as a learner would type it: otter's markers and prompt left out."""
    lines, in_prompt = [], False
    for line in solution_text.split("\n"):
        if line.rstrip().endswith("# BEGIN PROMPT"):
            in_prompt = True
        elif line.rstrip().endswith("# END PROMPT"):
            in_prompt = False
        elif not in_prompt and not MARKER.match(line):
            lines.append(re.sub(r"\s*# SOLUTION$", "", line))
    return "\n".join(lines)


def solved(student, autograder):
    answers = {cell["id"]: "".join(cell["source"]) for cell in autograder["cells"]}
    notebook = json.loads(json.dumps(student))
    for cell in notebook["cells"]:
        if ANSWER_CELL_TAG in cell["metadata"].get("tags", []):
            cell["source"] = learner_code(answers[cell["id"]])
    return notebook


def main(otter_dir, results_path, library_exercise):
    from otter.api import grade_submission
    from otter.assign import main as assign

    otter_dir = Path(otter_dir).resolve()
    results = {}
    for number, folder in enumerate(sorted(path for path in otter_dir.iterdir()
                                           if path.is_dir())):
        name = folder.name
        dist = otter_dir / "dist" / name
        assign(str(folder / f"{name}.ipynb"), str(dist), no_pdfs=True, no_run_tests=True)
        student = json.loads((dist / "student" / f"{name}.ipynb").read_text())
        autograder = json.loads((dist / "autograder" / f"{name}.ipynb").read_text())
        zip_path = next((dist / "autograder").glob("*.zip"))
        submissions = {"blank": student, "solved": solved(student, autograder)}
        if number == 0:
            library = solved(student, autograder)
            exercise = next(cell for cell in library["cells"]
                            if cell["id"] == "exercise-solution")
            exercise["source"] = library_exercise
            submissions["library"] = library
        for who, notebook in submissions.items():
            path = otter_dir / "submissions" / who / f"{name}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(notebook))
            graded = grade_submission(str(path), str(zip_path), quiet=True)
            results.setdefault(who, {})[name] = {
                test: [graded.get_score(test), graded.get_result(test).possible]
                for test in graded.test_files}
    Path(results_path).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:4])
