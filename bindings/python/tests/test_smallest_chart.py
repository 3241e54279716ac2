"""The README's smallest chart in Python writes what the TypeScript one writes, byte for byte (issue 24)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

BINDING = Path(__file__).resolve().parents[1]
REPO = BINDING.parents[1]


def test_the_smallest_chart_writes_the_typescript_samples_bytes():
    with tempfile.TemporaryDirectory(prefix="python-smallest-") as work:
        typescript, python = Path(work) / "typescript", Path(work) / "python"
        # The TypeScript sample the README shows (docs/samples/smallest-chart.ts), run as the
        # documentation's tests run it; CDK8S_OUTDIR keeps it out of the repository's dist/.
        env = {**os.environ, "CDK8S_OUTDIR": str(typescript)}
        subprocess.run(
            ["node", "tools/run-ts.js", "docs/samples/smallest-chart.ts"], cwd=REPO, env=env, check=True
        )
        env["CDK8S_OUTDIR"] = str(python)
        subprocess.run([sys.executable, str(BINDING / "smallest_chart.py")], cwd=work, env=env, check=True)
        assert sorted(os.listdir(python)) == sorted(os.listdir(typescript)) == ["cache.k8s.yaml"]
        assert (python / "cache.k8s.yaml").read_bytes() == (typescript / "cache.k8s.yaml").read_bytes()
