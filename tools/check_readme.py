"""Check that every `$ curl ...` example in README.md prints what the README shows.

Start the service on port 8000 (`make run`), then `python tools/check_readme.py` (needs curl and
jq). `--fix` writes the live output back into the README, for review with `git diff`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def example_end(lines: list[str], start: int) -> int:
    """The line after an example's output: the next command, a blank line, or the fence."""
    end = start + 1
    while end < len(lines) and lines[end] and not lines[end].startswith(("$ ", "```")):
        end += 1
    return end


def main(fix: bool) -> int:
    lines = README.read_text().split("\n")
    checked, wrong, out, i, in_code = 0, 0, [], 0, False
    while i < len(lines):
        line = lines[i]
        in_code = not in_code if line.startswith("```") else in_code
        if not (in_code and line.startswith("$ curl")):
            out.append(line)
            i += 1
            continue
        end = example_end(lines, i)
        shown = "\n".join(lines[i + 1 : end])
        live = subprocess.run(
            line[2:], shell=True, capture_output=True, text=True, timeout=30
        ).stdout.rstrip("\n")
        checked += 1
        if live.strip() != shown.strip():
            wrong += 1
            print(f"differs: {line[2:]}")
        out += [line, *((live if fix else shown).split("\n") if (live if fix else shown) else [])]
        i = end
    if fix:
        README.write_text("\n".join(out))
    print(f"{checked} examples, {wrong} differ")
    return 1 if wrong and not fix else 0


if __name__ == "__main__":
    sys.exit(main("--fix" in sys.argv))
