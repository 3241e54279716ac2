"""What a Python caller gets for wrong props (issue 24).

- A wrong value reaches the construct, which reports it at synth, as it does for
  TypeScript, under the prop's TypeScript (jsii) name: 'serviceName', not service_name.
- A misspelt keyword, or a TypeScript name used as a keyword, is refused by Python itself
  (TypeError) before anything reaches the construct; so is a struct class's.
- A plain dict inside a list (or map) of structs is sent as it is: its keys must be the
  TypeScript names, and the jsii kernel drops keys that are not props of the struct before
  the construct sees them, so that the construct's unknown-prop check cannot report them.
"""

import os
import tempfile

import pytest
from cdk8s import App, Chart
from cdk8s_stateful_service import ContainerPort, StatefulService

IMAGE = "k8spatterns/random-generator:1.0"
SERVICE_NAME = (
    "must be a Service name: a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, "
    "ending with a letter or digit, at most 63 characters)"
)


def synth(**props) -> str:
    """Synthesizes one StatefulService 'rg' (one port, no claims) with these props in chart
    'c', into a temporary folder that is removed; returns the manifest."""
    props = {
        "name": "rg",
        "container": {"image": IMAGE, "ports": [ContainerPort(name="http", number=8080)]},
        "storage": [],
        **props,
    }
    with tempfile.TemporaryDirectory(prefix="python-synth-") as outdir:
        app = App(outdir=outdir, record_construct_metadata=False)
        StatefulService(Chart(app, "c"), "rg", **props)
        app.synth()
        (name,) = os.listdir(outdir)
        with open(os.path.join(outdir, name), encoding="utf-8") as f:
            return f.read()


def refused(**props) -> str:
    """The message of the error that synth raises for these props."""
    with pytest.raises(RuntimeError) as e:
        synth(**props)
    return str(e.value)


def test_the_base_props_synthesize():
    assert "serviceName: rg\n" in synth()


def test_a_bad_service_name_is_reported_under_its_typescript_name():
    assert refused(service_name="1rg") == (
        "Error: Validation failed with the following errors:\n"
        f"  [c/rg] 'serviceName' {SERVICE_NAME}, got \"1rg\""
    )


def test_negative_replicas_are_reported_under_the_prop_name():
    assert refused(replicas=-1) == (
        "Error: Validation failed with the following errors:\n"
        "  [c/rg] 'replicas' must be an integer from 0 to 2147483647, got -1"
    )


def test_every_problem_is_reported_at_once():
    message = refused(service_name="1rg", replicas=-1)
    assert message.splitlines()[1:] == [
        f"  [c/rg] 'serviceName' {SERVICE_NAME}, got \"1rg\"",
        "  [c/rg] 'replicas' must be an integer from 0 to 2147483647, got -1",
    ]


def test_a_misspelt_keyword_is_refused_by_python():
    with pytest.raises(TypeError) as e:
        synth(replica=3)
    assert str(e.value) == "StatefulService.__init__() got an unexpected keyword argument 'replica'"


def test_the_typescript_name_is_not_a_python_keyword():
    with pytest.raises(TypeError) as e:
        synth(serviceName="random-generator")
    assert str(e.value) == "StatefulService.__init__() got an unexpected keyword argument 'serviceName'"


def test_a_misspelt_keyword_of_a_struct_is_refused_by_python():
    with pytest.raises(TypeError) as e:
        ContainerPort(name="http", nmber=8080)
    assert str(e.value) == "ContainerPort.__init__() got an unexpected keyword argument 'nmber'"


def test_a_struct_dict_is_read_with_python_names():
    # A dict given for a struct-typed argument becomes the struct class: Python names only.
    with pytest.raises(TypeError) as e:
        synth(container={"image": IMAGE, "ports": [ContainerPort(name="http", number=8080)], "workingDir": "/"})
    assert str(e.value) == "ContainerProps.__init__() got an unexpected keyword argument 'workingDir'"


def test_a_dict_in_a_list_of_structs_is_read_with_typescript_names():
    # Sent as a map: 'hostPort' reaches the construct, which refuses an unacknowledged host port.
    assert refused(container={"image": IMAGE, "ports": [{"name": "http", "number": 8080, "hostPort": 18080}]}) == (
        "Error: Validation failed with the following errors:\n"
        "  [c/rg] 'container.ports' opens host port 18080 on the node's IP (one pod per node can have it): "
        'that breaks the policy rule PolicyRule.HOST_PORTS ("host-ports"); make it an explicit choice with an '
        "entry { rule: PolicyRule.HOST_PORTS, reason: '...' } in 'acknowledgements'"
    )


@pytest.mark.parametrize("key", ["host_port", "hostport", "nmber"])
def test_an_unknown_key_of_a_dict_in_a_list_is_dropped_by_jsii_unreported(key):
    # The jsii kernel keeps only the struct's props (the construct never sees the key), so the
    # synth succeeds without it: use the struct classes (ContainerPort(...)), which Python checks.
    manifest = synth(container={"image": IMAGE, "ports": [{"name": "http", "number": 8080, key: 18080}]})
    assert "18080" not in manifest
    assert "containerPort: 8080\n" in manifest


def test_a_missing_required_key_of_a_dict_in_a_list_is_refused_by_jsii():
    with pytest.raises(RuntimeError) as e:
        synth(container={"image": IMAGE, "ports": [{"name": "http", "nmber": 8080}]})
    assert str(e.value).endswith("Missing required properties for cdk8s-stateful-service.ContainerPort: 'number'")
