"""Every route handler and dependency is a coroutine function, so none waits for the thread pool.

FastAPI runs a plain `def` handler or dependency (and, for a plain handler, the validation of its
answer) in a worker thread: a thread hop and a GIL hand-off per call, which under load cost more
than the work itself (p50 5 ms and a third of the throughput in `make bench`, before this rule).
The work here is CPU-bound microseconds on data loaded at start-up, so it belongs on the loop.
"""

from __future__ import annotations

import inspect

from fastapi.routing import APIRoute

from service.web.app import create_app
from tests.routes import route_objects


def _calls(dependant):
    if dependant.call is not None:
        yield dependant.call
    for sub in dependant.dependencies:
        yield from _calls(sub)


def test_no_route_or_dependency_runs_in_the_thread_pool():
    blocking = []
    routes = [route for route, _, _ in route_objects(create_app()) if isinstance(route, APIRoute)]
    assert len(routes) >= 8
    for route in routes:
        for call in _calls(route.dependant):
            if not inspect.iscoroutinefunction(call):
                blocking.append(f"{route.path}: {getattr(call, '__qualname__', call)}")
    assert blocking == [], "make these `async def`: " + ", ".join(blocking)
