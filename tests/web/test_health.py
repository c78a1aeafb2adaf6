"""Liveness and readiness: /readyz says 503 in the error shape until start-up work is done."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.web.app import create_app


def test_ready_after_start_up(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json()["status"] == "ready"
    # The warm-up after readiness: what it builds is listed until it is done.
    assert set(response.json()["warming"]) <= {"timezone_polygons", "site", "in_picture", "claims"}
    assert client.app.state.warmup.wait(timeout_s=30)
    assert client.get("/readyz").json() == {"status": "ready", "warming": []}
    assert response.headers["cache-control"] == "no-store"


def test_not_ready_before_start_up_work_but_alive():
    app = create_app()
    early = TestClient(app)  # no lifespan has run: as between process start and ready
    response = early.get("/readyz")
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "not_ready" and error["message"] and error["retry_after_s"] > 0
    assert early.get("/healthz").status_code == 200
    # Routes that need the start-up resources say so too, rather than failing.
    assert early.get("/v1/events/cassini-2013/local", params={"tz": "UTC"}).status_code == 503
    with TestClient(app) as started:
        assert started.get("/readyz").status_code == 200
