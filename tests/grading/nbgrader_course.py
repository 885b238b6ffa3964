"""Grade the exported course with nbgrader's own API (run by test_graders.py with nbgrader).

    python nbgrader_course.py COURSE_DIR RESULTS.json

COURSE_DIR is what `tools/export_graders.py --nbgrader` wrote. For every assignment this
generates the release, hands in the release untouched ("blank") and the release with each
solution cell filled in from the instructor's version ("solved"), and for the first
assignment also a solved release whose exercise hands in a library function instead
("library"), autogrades them all and writes {student: {assignment: {cell: [score, max]}}}.
"""

import json
import re
import shutil
import sys
from pathlib import Path

SOLUTION_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def solved(release, source):
    """The release notebook with each solution cell as the instructor wrote it."""
    answers = {cell["metadata"]["nbgrader"]["grade_id"]: cell for cell in source["cells"]
               if cell["metadata"].get("nbgrader", {}).get("solution")}
    notebook = json.loads(json.dumps(release))
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            text = "".join(answers[grade_id]["source"])
            cell["source"] = "\n".join(line for line in text.split("\n")
                                       if not SOLUTION_MARKER.match(line))
    return notebook


def main(course_dir, results_path, library_exercise):
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    course = Path(course_dir).resolve()
    config = Config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.course_id = "neural-networks-from-scratch"
    api = NbGraderAPI(config=config)
    assignments = sorted(path.name for path in (course / "source").iterdir())
    submissions = []
    for number, name in enumerate(assignments):
        result = api.generate_assignment(name)
        if not result["success"]:
            raise SystemExit(f"generate_assignment {name} failed:\n{result.get('log')}")
        release = json.loads((course / "release" / name / f"{name}.ipynb").read_text())
        source = json.loads((course / "source" / name / f"{name}.ipynb").read_text())
        students = {"blank": release, "solved": solved(release, source)}
        if number == 0:
            library = solved(release, source)
            exercise = next(cell for cell in library["cells"]
                            if cell["metadata"]["nbgrader"]["grade_id"] == "exercise")
            exercise["source"] = library_exercise
            students["library"] = library
        for student, notebook in students.items():
            folder = course / "submitted" / student / name
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.ipynb").write_text(json.dumps(notebook))
            submissions.append((name, student))
    for name, student in submissions:
        result = api.autograde(name, student)
        if not result["success"]:
            raise SystemExit(f"autograde {name} {student} failed:\n{result.get('log')}")
    results = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}",
                   course_id="neural-networks-from-scratch") as gradebook:
        for name, student in submissions:
            notebook = gradebook.find_submission_notebook(name, name, student)
            results.setdefault(student, {})[name] = {
                grade.name: [grade.score, grade.max_score] for grade in notebook.grades}
    Path(results_path).write_text(json.dumps(results, indent=1))
    shutil.rmtree(course / "autograded", ignore_errors=True)


if __name__ == "__main__":
    main(*sys.argv[1:3], sys.argv[3])
