from cdk8s import App, Chart, Size
from cdk8s_stateful_service import ContainerPort, StatefulService, Storage

app = App()
chart = Chart(app, "cache")
StatefulService(
    chart,
    "cache",
    name="cache",
    replicas=3,
    container={"image": "example/cache:2.4.1", "ports": [ContainerPort(name="http", number=8080)]},
    storage=[Storage.dynamic(size=Size.gibibytes(1), mount_path="/data")],
)
app.synth()
