"""The book's example (Kubernetes Patterns, "Stateful Service") in Python (issue 24).

The same chart as src/charts/random-generator-chart.ts, with the options of
src/charts/app.ts: the random-generator service as StatefulSet ``rg`` with two replicas,
each writing its log to its own hostPath volume on a single-node minikube, reachable
through the NodePort Service ``random-generator-np``. ``python random_generator_app.py
[OUTDIR]`` writes ``OUTDIR/random-generator.k8s.yaml`` (default ``dist``), which is
byte for byte the TypeScript app's ``dist/random-generator.k8s.yaml``.
"""

import sys
import typing

from cdk8s import App, Chart, Size
from cdk8s_stateful_service import (
    Acknowledgement,
    ContainerPort,
    EnvValue,
    ExternalAccess,
    PolicyRule,
    StatefulService,
    Storage,
)
from constructs import Construct


class RandomGeneratorChart(Chart):
    """The random-generator service as StatefulSet ``rg``, in namespace ``default``."""

    def __init__(self, scope: Construct, id: str, *, namespace: str = "default") -> None:
        # The namespace the pre-bound volumes' claimRefs name: every object carries it.
        super().__init__(scope, id, namespace=namespace)
        self.service = StatefulService(
            self,
            "rg",
            name="rg",
            service_name="random-generator",
            replicas=2,
            container={
                "image": "k8spatterns/random-generator:1.0",
                "ports": [ContainerPort(name="http", number=8080)],
                "env": {"LOG_FILE": EnvValue.literal("/opt/logs/random.log")},
            },
            storage=[
                Storage.host_path(
                    name="logs",
                    size=Size.mebibytes(10),
                    mount_path="/opt/logs",
                    # minikube's default class: the class the book's volumes and claims share.
                    storage_class_name="standard",
                    # Three volumes for two replicas, so that a scale-up to 3 finds one.
                    count=3,
                    volume_name="log-{ordinal+1}",
                    path="/tmp/example/{ordinal+1}",
                )
            ],
            external_access=ExternalAccess.node_port(name="random-generator-np"),
            acknowledgements=[
                Acknowledgement(
                    rule=PolicyRule.HOST_PATH,
                    reason="the book example runs on single-node minikube, where a hostPath volume is a directory of the one node",
                ),
                Acknowledgement(
                    rule=PolicyRule.NODE_PORT,
                    reason="the book example is reached from outside minikube through `minikube service random-generator-np`",
                ),
            ],
        )


def build_app(outdir: typing.Optional[str] = None) -> App:
    """The app of src/charts/app.ts for minikube: no construct-metadata.json beside the
    manifests (``kubectl apply -f <outdir>/`` would try to apply it)."""
    app = App(outdir=outdir, record_construct_metadata=False)
    RandomGeneratorChart(app, "random-generator")
    return app


if __name__ == "__main__":
    build_app(sys.argv[1] if len(sys.argv) > 1 else None).synth()
