"""The framework's ceiling: a bare FastAPI app answering a fixed small document.

`make bench` serves it beside the service with the same uvicorn flags, so the ratio of their
requests/s says what our own work costs on top of FastAPI, uvicorn and the loopback.
"""

from fastapi import FastAPI

DOCUMENT = {"event": "cassini-2013", "start": "2013-07-19T21:27:00Z", "end": "2013-07-19T21:42:00Z"}

app = FastAPI()


@app.get("/ceiling")
async def ceiling() -> dict:
    return DOCUMENT
