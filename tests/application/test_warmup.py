"""The warm-up: its values built in the background, then the C heap's free pages given back."""

from __future__ import annotations

from pathlib import Path

from service.application.warmup import Warmup, trim_heap
from service.lazy import Lazy


def anonymous_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    raise LookupError("no RssAnon")


def test_the_warm_up_builds_every_value_names_those_pending_then_runs_its_last_step():
    built: list[str] = []
    values = [Lazy(name, lambda name=name: built.append(name) or name) for name in ("a", "b")]
    warmup = Warmup(values, then=lambda: built.append("then"))
    assert warmup.pending() == ["a", "b"]
    warmup.start()
    assert warmup.wait(timeout_s=10) and built == ["a", "b", "then"] and warmup.pending() == []


def test_trimming_gives_freed_heap_pages_back():
    # 40 MB in 2 KB buffers (C heap, not Python's small-object arenas), the last one kept so
    # that the heap cannot shrink from its top when the rest is freed.
    buffers = [bytearray(2048) for _ in range(20_000)]
    kept = buffers[-1]
    del buffers
    freed = anonymous_rss_mb()
    trim_heap()
    assert anonymous_rss_mb() < freed - 20 and len(kept) == 2048
