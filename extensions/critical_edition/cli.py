"""The edition's commands: ``edition-build`` and ``edition-check``.

A mistake in a contributor's data file is reported by the extension itself, problem by
problem (``file:line: ERROR: record: message``), and stops the build with a ``DataError``.
Sphinx's command line would then add its crash report (the traceback, a saved log and a
request to report a bug in Sphinx), which tells a contributor the wrong thing. Both commands
end such a build with the edition's one-line summary and exit status 1; any other exception
is a bug and keeps Sphinx's full report.

- ``edition-build`` takes ``sphinx-build``'s arguments (the Makefile builds with it).
- ``edition-check [-c CONFDIR] [SOURCEDIR]`` validates every data file (annotations,
  registers, quotation marks, ``bib/``) and anchors every annotation in the text, by reading
  the edition with Sphinx's ``dummy`` builder into a temporary directory: the checks are the
  build's own, nothing is written, and it takes a few seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import sphinx._cli.util.errors as sphinx_errors
from sphinx.cmd.build import build_main

from critical_edition.datafiles import DataError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

#: The exit status of a build stopped by problems in the data files.
DATA_ERROR_STATUS = 1


@contextlib.contextmanager
def data_errors_reported(seen: list[DataError]) -> Iterator[None]:
    """While Sphinx runs, a ``DataError`` ends with its summary, not with a crash report.

    ``sphinx.cmd.build`` calls ``sphinx._cli.util.errors.handle_exception`` for any exception
    that ends a build; it is replaced for the duration, and every other exception is handed
    to it unchanged.
    """
    original = sphinx_errors.handle_exception

    def handle(exception: BaseException, /, **options: object) -> None:
        if isinstance(exception, DataError):
            seen.append(exception)
            stderr = options.get("stderr") or sys.stderr
            print(f"\n{exception.category}: {exception}", file=stderr)  # type: ignore[call-overload]
            return
        original(exception, **options)  # type: ignore[arg-type]

    sphinx_errors.handle_exception = handle
    try:
        yield
    finally:
        sphinx_errors.handle_exception = original


def build(argv: Sequence[str]) -> int:
    """``sphinx-build`` with the edition's ending for data errors."""
    seen: list[DataError] = []
    with data_errors_reported(seen):
        status = build_main(list(argv))
    return DATA_ERROR_STATUS if seen else status


def check(argv: Sequence[str]) -> int:
    """Validate the data files by reading the edition without writing it."""
    parser = argparse.ArgumentParser(
        prog="edition-check",
        description="Validate the edition's data files (annotations, registers, quotation "
        "marks, bib/) and the anchoring of every annotation, without building it.",
    )
    parser.add_argument("sourcedir", nargs="?", default="source", type=Path)
    parser.add_argument("-c", dest="confdir", type=Path, help="folder of conf.py")
    parser.add_argument("-j", dest="jobs", default="auto", help="parallel reading (default auto)")
    args = parser.parse_args(argv)
    confdir = args.confdir or args.sourcedir
    if not (confdir / "conf.py").is_file():
        print(f"edition-check: no conf.py in {confdir}", file=sys.stderr)
        return 2
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="edition-check-") as scratch:
        status = build(
            [
                *("-c", str(confdir), "-b", "dummy", "-q", "-W", "--keep-going", "-n"),
                *("-j", args.jobs, "-d", os.path.join(scratch, "doctrees")),
                *(str(args.sourcedir), os.path.join(scratch, "out")),
            ]
        )
    if status == 0:
        seconds = time.monotonic() - start
        print(f"edition-check: every data file is valid ({seconds:.1f} s).")
    return status


def build_command() -> None:
    sys.exit(build(sys.argv[1:]))


def check_command() -> None:
    sys.exit(check(sys.argv[1:]))
