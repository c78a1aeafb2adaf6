"""Memory-mapped data files, and the pages a process holds of them given back now and then.

The gazetteer's cache and timezonefinder's polygons are read through memory maps: nothing is
copied, and a look-up reads only the pages it needs. But a page once read stays mapped, and the
kernel maps more than the page read: the pages around it, or the whole large folio (up to 2 MB)
that the page cache holds it in. A look-up of one city maps about 13 MB of the gazetteer (a
folio or two of each array it reads), and a few thousand coordinates spread over the globe map
the polygons' whole 32 MB file.

So the mappings are given back (madvise DONTNEED) every `every` look-ups: their pages stay in
the page cache, shared by every process that reads the files, and the next look-ups map again
the few they read. What a replica holds of the files is then what its last look-ups read.
"""

from __future__ import annotations

import mmap

# Giving the pages back and mapping again those the next look-ups read costs about 0.2 ms for a
# city's 13 MB; every 128 look-ups, it adds about 4 us to a look-up of coordinates (7 us before,
# measured in-process over 20,000 spread points) and bounds the polygons' mapped part to 9 MB.
RELEASE_EVERY = 128


class MappedPages:
    """Mappings of read-only data files, given back every `every` look-ups (`looked_up`)."""

    def __init__(self, every: int = RELEASE_EVERY) -> None:
        self.every = every
        self.mappings: list[mmap.mmap] = []
        self._lookups = 0

    def add(self, mapping: mmap.mmap | None) -> None:
        """Hold this mapping too (None, a source not mapped from a file, is passed over)."""
        if mapping is not None:
            self.mappings.append(mapping)

    def looked_up(self) -> None:
        """Count a look-up; every `every`th gives the pages back."""
        self._lookups += 1  # a count lost to a race between threads only delays a release
        if self._lookups >= self.every:
            self._lookups = 0
            self.release()

    def release(self) -> None:
        """Unmap every page of the mappings; the next read of one maps it again from the page
        cache, with the same bytes (the files are read-only and never change under a
        process)."""
        for mapping in self.mappings:
            mapping.madvise(mmap.MADV_DONTNEED)
