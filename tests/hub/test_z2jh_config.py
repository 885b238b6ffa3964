"""The Zero to JupyterHub example, binder/z2jh-config.yaml, and the README's hub admin steps.

The example must be YAML the chart accepts (its keys, of the types the chart's schema gives
them), pull the course the README's link pulls, carry the README's sizing figures, and start
students where their home is; the README's repo2docker command must build from binder/ into
the image the example names.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys

import hub_driver
import pytest
import yaml

ROOT = hub_driver.ROOT
EXAMPLE = ROOT / "binder" / "z2jh-config.yaml"
README = ROOT / "README.md"
HOME = "/home/jovyan"  # where the chart mounts each student's home (singleuser.storage)
# The chart's top-level keys and the singleuser keys used here (Helm chart 4.x values.yaml).
CHART_KEYS = {"fullnameOverride", "nameOverride", "enabled", "custom", "imagePullSecret",
              "imagePullSecrets", "hub", "rbac", "proxy", "singleuser", "scheduling",
              "prePuller", "ingress", "httpRoute", "cull", "debug", "global"}
SINGLEUSER_KEYS = {"image", "defaultUrl", "lifecycleHooks", "cpu", "memory", "storage",
                   "extraEnv", "cmd", "startTimeout", "networkPolicy", "profileList",
                   "initContainers", "extraFiles", "uid", "fsGid", "nodeSelector"}
# Kubernetes quantities as KubeSpawner reads them: a number and K, M, G or T.
MEMORY = re.compile(r"(\d+(?:\.\d+)?)([KMGT])")
UNITS = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


@pytest.fixture(scope="module")
def example():
    return yaml.safe_load(EXAMPLE.read_text())


def to_bytes(quantity):
    match = MEMORY.fullmatch(str(quantity))
    assert match, f"{quantity!r} is not a memory size such as 512M or 1G"
    return float(match.group(1)) * UNITS[match.group(2)]


def hub_admin_section():
    text = README.read_text()
    start = text.index("### For hub admins")
    end = text.index("\n## ", start)
    return text[start:end]


def sizing_table():
    """{row name: value} of the README's sizing table (| what | value | why |)."""
    rows = re.findall(r"^ *\| ([A-Za-z][^|]*?) \| ([^|]+?) \|", hub_admin_section(),
                      re.MULTILINE)
    return {name: value for name, value in rows}


def test_the_example_has_the_keys_and_types_the_chart_expects(example):
    assert set(example) <= CHART_KEYS, set(example) - CHART_KEYS
    user = example["singleuser"]
    assert set(user) <= SINGLEUSER_KEYS, set(user) - SINGLEUSER_KEYS
    assert isinstance(user["image"]["name"], str) and user["image"]["name"]
    assert isinstance(user["image"]["tag"], str) and user["image"]["tag"]  # "2026" not 2026
    cpu, memory = user["cpu"], user["memory"]
    assert set(cpu) == set(memory) == {"guarantee", "limit"}
    assert all(isinstance(cpu[key], (int, float)) and cpu[key] > 0 for key in cpu)
    assert cpu["guarantee"] <= cpu["limit"]
    assert to_bytes(memory["guarantee"]) <= to_bytes(memory["limit"])
    cull = example["cull"]
    assert cull["enabled"] is True
    assert isinstance(cull["timeout"], int) and isinstance(cull["every"], int)
    assert 0 < cull["every"] <= cull["timeout"]
    config = example["hub"]["config"]
    authenticator = config["JupyterHub"]["authenticator_class"]
    assert authenticator == "github" and config["GitHubOAuthenticator"]["client_id"]
    assert config["KubeSpawner"]["working_dir"] == HOME


def test_the_example_pulls_the_course_the_readme_link_pulls(example):
    _, query = hub_driver.readme_template()
    query = dict(query)
    command = example["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command == ["gitpuller", query["repo"], query["branch"],
                       f"{HOME}/{hub_driver.course_name()}"]
    # The link's landing page is the course map inside that folder.
    assert query["urlpath"] == f"lab/tree/{hub_driver.course_name()}/notebooks/00_course_map.ipynb"
    assert example["singleuser"]["defaultUrl"] == "/lab"


def test_the_readme_sizing_table_is_what_the_example_sets(example):
    table = sizing_table()
    user = example["singleuser"]

    def number(name):
        return float(re.match(r"[\d.]+", table[name]).group(0))

    assert number("CPU guarantee") == user["cpu"]["guarantee"]
    assert number("CPU limit") == user["cpu"]["limit"]
    for name, key in (("Memory guarantee", "guarantee"), ("Memory limit", "limit")):
        size = re.match(r"([\d.]+) ([KMGT])B", table[name])
        assert size, f"write the README's {name} as e.g. '512 MB', got {table[name]!r}"
        assert to_bytes("".join(size.groups())) == to_bytes(user["memory"][key])
    assert number("Idle servers stopped after") * 60 == example["cull"]["timeout"]


def test_the_readme_image_command_builds_from_binder_into_the_example_image(example):
    lines = [line.strip().rstrip("\\").strip() for line in hub_admin_section().splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("jupyter-repo2docker"))
    words = shlex.split(lines[start])
    while words[-1] != ".":  # a command continued on the next lines
        start += 1
        words += shlex.split(lines[start])
    image = words[words.index("--image-name") + 1]
    user = example["singleuser"]["image"]
    assert image == f"{user['name']}:{user['tag']}"
    target = words[words.index("--target-repo-dir") + 1]
    assert not (target + "/").startswith(HOME + "/"), "the home volume would hide the course"
    repo2docker = shutil.which("jupyter-repo2docker", path=os.path.dirname(sys.executable))
    assert repo2docker, "jupyter-repo2docker is missing: pip install -r requirements-dev.txt"
    # As the README has it, but print the Dockerfile instead of building (no Docker here).
    arguments = [word for word in words[1:-1] if word != "--no-run"]
    result = subprocess.run([repo2docker, "--no-build", "--no-run", "--debug", *arguments,
                             str(ROOT)], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    dockerfile = result.stdout + result.stderr
    assert '/bin/pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "nbgitpuller==" in (ROOT / "binder" / "requirements.txt").read_text()


def test_the_readme_link_pulls_the_project_repository():
    _, query = hub_driver.readme_template()
    project = re.search(r'^Repository = "([^"]+)"', (ROOT / "pyproject.toml").read_text(),
                        re.MULTILINE).group(1)
    assert dict(query)["repo"] == project
