"""The Python samples of bindings/python/README.md run and do what it says (issue 24)."""

import re
import subprocess
import sys
import tempfile
from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
PYTHON, REFUSED = re.findall(r"```python\n(.*?)```", README, re.S)
(EXPECTED,) = re.findall(r"```console\n(.*?)```", README, re.S)


def run(program: str):
    """Runs the program with this Python in a temporary folder; returns the process and the
    files it wrote, by path, with their text. The folder is removed."""
    with tempfile.TemporaryDirectory(prefix="python-readme-") as cwd:
        done = subprocess.run([sys.executable, "-c", program], cwd=cwd, capture_output=True, text=True)
        files = {str(p.relative_to(cwd)): p.read_text() for p in sorted(Path(cwd).rglob("*")) if p.is_file()}
    return done, files


def test_the_smallest_chart_writes_the_service():
    done, files = run(PYTHON)
    assert done.returncode == 0, done.stderr
    assert list(files) == ["dist/cache.k8s.yaml"]
    manifest = files["dist/cache.k8s.yaml"]
    kinds = re.findall(r"^kind: (\w+)\n(?:.*\n)*?  name: (\S+)$", manifest, re.M)
    assert kinds == [
        ("Service", "cache"),
        ("StatefulSet", "cache"),
        ("Service", "cache-client"),
        ("PodDisruptionBudget", "cache"),
    ]
    assert "  replicas: 3\n" in manifest
    assert "            storage: 1Gi\n" in manifest


def test_the_refused_props_fail_with_the_message_shown():
    done, files = run(REFUSED)
    assert done.returncode == 1
    assert done.stderr.endswith(EXPECTED), done.stderr
    assert not any(path.endswith(".yaml") for path in files)
