"""Check that every `$ curl ...` example in README.md and docs/*.md prints what the file shows.

Start the service on port 8000 (`make run`), then `python tools/check_readme.py` (needs curl and
jq). `--port N` checks a server on another port: curl still sends `Host: localhost:8000`
(`--connect-to`), so the answers match the ones written for port 8000. `--fix` writes the live
output back into the files, for review with `git diff`. Files named on the command line are
checked instead of the default set.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SHOWN_HOST = "localhost:8000"


def default_files() -> list[Path]:
    return [README, *sorted((ROOT / "docs").glob("*.md"))]


def example_end(lines: list[str], start: int) -> int:
    """The line after an example's output: the next command, a blank line, or the fence."""
    end = start + 1
    while end < len(lines) and lines[end] and not lines[end].startswith(("$ ", "```")):
        end += 1
    return end


def command_for(line: str, port: int | None) -> str:
    """The shell command of an example line, sent to `port` when one is given."""
    command = line[2:]
    if port is not None:
        redirect = f"curl --connect-to {SHOWN_HOST}:127.0.0.1:{port} "
        command = command.replace("curl ", redirect, 1)
    return command


def check(path: Path, fix: bool, port: int | None) -> tuple[int, int]:
    """Run the examples of one file: (examples checked, examples whose output differs)."""
    lines = path.read_text().split("\n")
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
            command_for(line, port), shell=True, capture_output=True, text=True, timeout=30
        ).stdout.rstrip("\n")
        checked += 1
        if live.strip() != shown.strip():
            wrong += 1
            print(f"differs ({path.relative_to(ROOT)}): {line[2:]}")
        out += [line, *((live if fix else shown).split("\n") if (live if fix else shown) else [])]
        i = end
    if fix:
        path.write_text("\n".join(out))
    return checked, wrong


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: README.md and docs/*.md")
    parser.add_argument("--fix", action="store_true", help="write the live output back")
    parser.add_argument("--port", type=int, help="the port the server listens on (default 8000)")
    args = parser.parse_args(argv)
    total, total_wrong = 0, 0
    for path in [p.resolve() for p in args.files] or default_files():
        checked, wrong = check(path, args.fix, args.port)
        print(f"{path.relative_to(ROOT)}: {checked} examples, {wrong} differ")
        total, total_wrong = total + checked, total_wrong + wrong
    print(f"{total} examples, {total_wrong} differ")
    return 1 if total_wrong and not args.fix else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
