"""The references LaTeX could not resolve, read from the log of the last xelatex run.

LaTeX only warns about them, and the PDF prints "??" where a page number should be; `make pdf`
runs this after latexmk and fails on any (``python -m critical_edition.latex_log FILE.log``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

#: LaTeX's and hyperref's warnings for a label, link or citation that names nothing.
UNDEFINED = re.compile(
    r"LaTeX Warning: (?P<what>Reference|Hyper reference|Citation) `(?P<label>[^']*)' "
    r"on page (?P<page>\d+)\s*undefined(?: on input line (?P<line>\d+))?"
)


def unwrapped(log: str) -> str:
    """The log with TeX's line wrapping undone: TeX breaks every line at 79 characters."""
    return re.sub(r"(?m)^(.{79})\n", r"\1", log)


def undefined_references(log: str) -> list[str]:
    """One line for each unresolved reference: what it is, its label, page and input line."""
    found = []
    for match in UNDEFINED.finditer(unwrapped(log)):
        where = f"page {match['page']}"
        if match["line"]:
            where += f", line {match['line']} of the .tex"
        found.append(f"{match['what'].lower()} to an undefined label {match['label']} ({where})")
    if not found and "There were undefined references" in log:
        found.append("LaTeX reports undefined references (see the log)")
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m critical_edition.latex_log FILE.log", file=sys.stderr)
        return 2
    path = Path(args[0])
    problems = undefined_references(path.read_text(encoding="utf-8", errors="replace"))
    for problem in problems:
        print(f"{path}: ERROR: {problem}", file=sys.stderr)
    if problems:
        print(
            f"{path}: {len(problems)} reference(s) the PDF would print as ?? or as a dead link",
            file=sys.stderr,
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
