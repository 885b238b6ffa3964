"""Size of the learner's and of the Binder environment, and packages nothing uses.

Builds each in a fresh virtual environment (requirements.txt with this Python;
binder/requirements.txt with the Python of binder/runtime.txt), prints its size on disk,
and lists the installed top-level packages (those no other installed package needs) that no
lesson and no module of neuron_lib imports. JupyterLab and its extensions are listed apart:
nothing imports them, they are what opens the course. Target: no other such package.

    python benchmarks/environment_size.py
"""

import ast
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import pin_binder

# The application a learner opens the course in, and its extensions: never imported.
PLATFORM = {"jupyterlab", "jupyterlab-slideshow"}

# Run inside the environment: top-level distributions and the import names each provides.
INSPECT = r"""
import importlib.metadata as metadata, json, re
name = lambda text: re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.\-]+", text).group(0)).lower()
installed = {name(d.metadata["Name"]): d for d in metadata.distributions()}
needed, extras = set(), {}
for distribution in installed.values():
    for requirement in distribution.requires or []:
        if "extra ==" not in requirement:
            needed.add(name(requirement))
            wanted = re.match(r"[A-Za-z0-9_.\-]+\[([^\]]+)\]", requirement)
            if wanted:
                extras.setdefault(name(requirement), set()).update(
                    e.strip() for e in wanted.group(1).split(","))
# What a package pulls in for the extras others ask of it ("jsonschema[format-nongpl]").
for package, wanted in extras.items():
    for requirement in (installed[package].requires or []) if package in installed else []:
        marker = re.search(r"extra\s*==\s*.([A-Za-z0-9_.\-]+)", requirement)
        if marker and marker.group(1) in wanted:
            needed.add(name(requirement))
provides = {}
for module, owners in metadata.packages_distributions().items():
    for owner in owners:
        provides.setdefault(name(owner), []).append(module)
top = sorted(set(installed) - needed - {"pip", "setuptools", "wheel"})
print(json.dumps({"top": top, "provides": {n: provides.get(n, []) for n in top}}))
"""


def folder_megabytes(folder):
    total = sum(path.stat().st_size for path in Path(folder).rglob("*")
                if path.is_file() and not path.is_symlink())
    return total / 2**20


def imported_modules():
    """Top-level module names imported by the lessons and by neuron_lib."""
    sources = [path.read_text() for path in (ROOT / "neuron_lib").glob("*.py")]
    for notebook in (ROOT / "notebooks").rglob("*.ipynb"):
        for cell in json.loads(notebook.read_text())["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                sources.append("\n".join(line for line in source.splitlines()
                                         if not line.lstrip().startswith("%")))
    modules = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    return modules


def measure(label, python, requirements):
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([python, "-m", "venv", folder], check=True)
        venv_python = str(Path(folder) / "bin" / "python")
        subprocess.run([venv_python, "-m", "pip", "install", "--quiet", "-r", requirements],
                       check=True, cwd=ROOT, env={**os.environ, "PIP_NO_CACHE_DIR": "0"})
        size = folder_megabytes(folder)
        found = json.loads(subprocess.run([venv_python, "-c", INSPECT], check=True,
                                          capture_output=True, text=True).stdout)
    imported = imported_modules()
    unused = [name for name in found["top"] if name not in PLATFORM and name != "neuron-lib"
              and not set(found["provides"][name]) & imported]
    platform = [name for name in found["top"] if name in PLATFORM]
    print(f"{label}: {size:6.0f} MB in a fresh virtual environment ({requirements})")
    print(f"  top-level packages: {', '.join(found['top'])}")
    print(f"  the platform, never imported: {', '.join(platform) or 'none'}")
    print(f"  top-level packages no lesson or neuron_lib imports: "
          f"{', '.join(unused) or 'none'} (target: none)")


def main():
    measure("learner (requirements.txt)", sys.executable, "requirements.txt")
    version = pin_binder.runtime_python()
    python = pin_binder.find_python(version)
    if python is None:
        print(f"Binder: python{version} is not installed here; skipped")
        return
    measure(f"Binder (binder/requirements.txt, Python {version})", python,
            "binder/requirements.txt")


if __name__ == "__main__":
    main()
