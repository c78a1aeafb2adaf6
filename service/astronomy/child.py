"""The child process of `ephemeris.computed_in_child`: a pickled Catalogue on stdin, the pickled
start-up astronomy (`compute_start_up`) on stdout. Run by the service itself, as
`python -m service.astronomy.child`.
"""

import pickle
import sys

from service.astronomy.ephemeris import compute_start_up


def main() -> None:
    catalogue = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(compute_start_up(catalogue)))


if __name__ == "__main__":
    main()
