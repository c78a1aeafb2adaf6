"""The Kubernetes manifests in deploy/ fit the image and the app they run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from service.settings import Settings
from tests.routes import get_routes

ROOT = Path(__file__).resolve().parents[2]


def manifests() -> dict[str, dict]:
    documents = [
        doc
        for path in sorted((ROOT / "deploy").glob("*.yaml"))
        for doc in yaml.safe_load_all(path.read_text())
        if doc
    ]
    by_kind = {doc["kind"]: doc for doc in documents}
    assert len(by_kind) == len(documents), "one manifest of each kind"
    return by_kind


@pytest.fixture(scope="module")
def kinds():
    return manifests()


@pytest.fixture(scope="module")
def container(kinds):
    (only,) = kinds["Deployment"]["spec"]["template"]["spec"]["containers"]
    return only


def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


def test_every_kind_is_there(kinds):
    assert {
        "Deployment",
        "Service",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
    } <= kinds.keys()


def test_container_port_is_the_image_port(container):
    exposed = int(re.search(r"^EXPOSE (\d+)$", dockerfile(), re.M).group(1))
    assert [p["containerPort"] for p in container["ports"]] == [exposed]
    env = {e["name"]: e["value"] for e in container["env"]}
    assert int(env["PORT"]) == exposed


def test_environment_is_valid_settings(container):
    env = {e["name"]: e["value"] for e in container["env"]}
    settings = Settings.from_env(env)  # raises on a bad value
    assert settings.workers == 1, "scale with replicas; one worker per pod"


def test_every_variable_set_is_a_setting(container):
    """`Settings.from_env` passes over names it does not know: a misspelt one would be unset."""
    settings = {name.upper() for name in Settings.model_fields}
    in_manifest = {e["name"] for e in container["env"]} - {"HOME"}  # HOME: for libraries
    assert in_manifest <= settings
    image_env = re.findall(r"\b([A-Z_]+)=\S+", dockerfile().split("WORKDIR")[0])
    in_image = {name for name in image_env if not name.startswith(("PYTHON", "PIP_"))}
    assert in_image and in_image <= settings


def test_probes_hit_routes_that_exist_and_answer(container, client):
    paths = {route.path for route in get_routes(client.app)}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] in paths, probe
        assert get["port"] in ("http", container["ports"][0]["containerPort"])
        assert client.get(get["path"]).status_code == 200, probe
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_runs_as_the_image_user_without_privileges(kinds, container):
    uid = int(re.search(r"useradd .*--uid (\d+)", dockerfile()).group(1))
    pod = kinds["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == uid
    security = container["securityContext"]
    assert security["allowPrivilegeEscalation"] is False
    assert security["readOnlyRootFilesystem"] is True
    assert security["capabilities"]["drop"] == ["ALL"]


def test_resources_are_bounded(container):
    resources = container["resources"]
    assert {"cpu", "memory"} <= resources["requests"].keys()
    assert "memory" in resources["limits"]
    limit_mi = int(resources["limits"]["memory"].removesuffix("Mi"))
    assert limit_mi >= 250, "room for the 250 MB resident-memory budget of `make bench`"


def test_grace_period_covers_drain_and_shutdown(kinds, container):
    env = {e["name"]: e["value"] for e in container["env"]}
    pre_stop_s = int(container["lifecycle"]["preStop"]["exec"]["command"][-1])
    grace_s = kinds["Deployment"]["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
    assert grace_s > pre_stop_s + int(env["SHUTDOWN_TIMEOUT_S"])


def test_service_selects_the_pods(kinds, container):
    labels = kinds["Deployment"]["spec"]["template"]["metadata"]["labels"]
    service = kinds["Service"]["spec"]
    assert service["selector"].items() <= labels.items()
    assert kinds["Deployment"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert [p["targetPort"] for p in service["ports"]] == [container["ports"][0]["name"]]
    assert kinds["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_autoscaler_targets_the_deployment(kinds):
    hpa = kinds["HorizontalPodAutoscaler"]
    assert hpa["apiVersion"] == "autoscaling/v2"
    target = hpa["spec"]["scaleTargetRef"]
    assert target == {
        "apiVersion": kinds["Deployment"]["apiVersion"],
        "kind": "Deployment",
        "name": kinds["Deployment"]["metadata"]["name"],
    }
    assert 2 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    assert kinds["PodDisruptionBudget"]["spec"]["minAvailable"] < hpa["spec"]["minReplicas"]
