"""wheel_check.py tells a stale wheel from a current one (issue 24), on a small repository
and wheel made in a temporary folder."""

import io
import json
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pytest

from wheel_check import stale_reason

FILES = {
    "package.json": json.dumps({"name": "x", "files": ["lib/src/**/*.js", ".jsii"]}),
    ".jsii": "{}",
    "lib/src/index.js": "exports.a = 1;",
    "lib/src/core/b.js": "exports.b = 2;",
}


def make_wheel(path: Path, files: dict, jsii_requirement: str = "jsii <2.0.0,>=1.140.0") -> None:
    packed = io.BytesIO()
    with tarfile.open(fileobj=packed, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("x/_jsii/x@1.0.0.jsii.tgz", packed.getvalue())
        z.writestr("x-1.0.0.dist-info/METADATA", f"Name: x\nRequires-Dist: {jsii_requirement}\n")


@pytest.fixture
def repo():
    with tempfile.TemporaryDirectory(prefix="python-wheel-check-") as folder:
        root = Path(folder)
        for name, text in FILES.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        make_wheel(root / "x.whl", FILES)
        yield root


def check(repo: Path) -> str:
    return stale_reason(str(repo / "x.whl"), str(repo), "1.140.0")


def test_a_wheel_of_the_current_files_is_current(repo):
    assert check(repo) == ""


def test_a_changed_file_makes_it_stale(repo):
    (repo / "lib/src/core/b.js").write_text("exports.b = 3;")
    assert check(repo) == "lib/src/core/b.js changed since the wheel was built"


def test_a_new_packed_file_makes_it_stale(repo):
    (repo / "lib/src/c.js").write_text("")
    (repo / "lib/src/c.js.map").write_text("")  # not matched by the files patterns
    assert check(repo) == "lib/src/c.js is not in the wheel"


def test_a_removed_file_makes_it_stale(repo):
    (repo / "lib/src/index.js").unlink()
    assert check(repo) == "the wheel has lib/src/index.js, which the repository no longer has"


def test_another_jsii_pacmak_makes_it_stale(repo):
    make_wheel(repo / "x.whl", FILES, "jsii <2.0.0,>=1.139.0")
    assert check(repo) == (
        "the wheel was not made by jsii-pacmak 1.140.0 (it requires ['Requires-Dist: jsii <2.0.0,>=1.139.0'])"
    )


def test_a_missing_wheel_is_reported(repo):
    (repo / "x.whl").unlink()
    assert check(repo) == "x.whl is missing"
