"""The book's example from Python is the TypeScript app's manifest, byte for byte (issue 24)."""

import os
import tempfile
from pathlib import Path

from random_generator_app import build_app

# The committed manifest of the TypeScript app (`npm run synth`), read from the repository.
REPO = Path(__file__).resolve().parents[3]
DIST = REPO / "dist" / "random-generator.k8s.yaml"


def test_synth_writes_the_dist_manifest_byte_for_byte():
    with tempfile.TemporaryDirectory(prefix="python-synth-") as outdir:
        build_app(outdir).synth()
        # One file: no construct-metadata.json (recordConstructMetadata: false, as in app.ts).
        assert sorted(os.listdir(outdir)) == ["random-generator.k8s.yaml"]
        written = (Path(outdir) / "random-generator.k8s.yaml").read_bytes()
    assert written == DIST.read_bytes()


def test_synth_yaml_is_the_dist_manifest():
    with tempfile.TemporaryDirectory(prefix="python-synth-") as outdir:
        yaml = build_app(outdir).synth_yaml()
        assert os.listdir(outdir) == []
    assert yaml == DIST.read_text(encoding="utf-8")
