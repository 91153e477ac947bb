"""Benchmark of the build (issue 16): times, peak memory and sizes, against a bare Sphinx build.

Run with ``make bench`` (``.venv/bin/python tests/bench.py [--runs N] [--skip-books]
[--skip-synthetic] [--skip-test] [--json PATH]``). It prints a table and writes the numbers
as JSON (``_build/bench.json``). Every measure is the median of ``--runs`` runs (3) made in
one sitting, on copies of the project, so that files can be edited:

- *bare Sphinx*: the same text (``source/text/``, the index as a plain toctree) with the same
  theme and no edition extension: what Sphinx alone costs;
- *edition, fresh*: ``make html``'s build (strict, ``-j auto``) with no doctrees and no token
  cache (the Korean analyser loads);
- *edition, warm cache (-E)*: every document read again, with the token cache of the fresh
  build (the analyser must not load);
- *no-change rebuild*: nothing to read;
- *one annotation edited*, *one register entry edited*, *one text paragraph edited*: the
  documents read again and the time;
- *serial (-j 1)*, warm cache: against ``-j auto`` (that both give the same HTML is a test,
  ``tests/test_rebuild.py``);
- ``make pdf`` and ``make epub`` (``--skip-books`` leaves them out);
- the synthetic edition at 1×, 2× and 4× (every part repeated under a new name, with its
  annotation file and fresh annotation ids), warm cache: the build must grow linearly
  (``--skip-synthetic`` leaves it out); the register entries are not repeated (a form may
  belong to one entry only), their occurrences grow with the text;
- ``make test``'s time, once (``--skip-test`` leaves it out).

Times are wall-clock seconds, memory is the peak resident set size (``/usr/bin/time``, the
largest process of the build), sizes are bytes: the search index and the files the search
page loads, and a text page (its HTML, stylesheets and scripts, fonts excluded).

The targets (issue 16), against the bare build of the same run: fresh ≤ 2.5×, warm ≤ 1.5×,
one annotation edited re-reads 1 document in ≤ 25 % of the fresh build, warm peak memory
≤ 150 MB, the 4× edition in ≤ 4.4× the time of the 1×.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

PROJECT = Path(__file__).resolve().parent.parent
VENV = Path(sys.prefix)
SPHINX = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n"]
LOADING = "loading the Korean morphological analyser"
PART = "07-triumvirate-split"
TEXT_EDIT = (f"source/text/{PART}.rst", "지노비에프와", "지노비에프 그리고")
ANNOTATION_EDIT = (
    f"source/annotations/{PART}.toml",
    "부하린의 이 구호는 1925년",
    "부하린의 이 구호는 바로 1925년",
)
REGISTER_EDIT = (
    "source/register/persons.toml",
    "1920년대 관료집단에 맞선",
    "1920년대 관료집단에 맞서",
)
SEARCH_FILES = (
    "searchindex.js",
    "_static/language_data.js",
    "_static/searchtools.js",
    "_static/edition-search.js",
    "_static/search-ko.css",
)
BARE_CONF = """\
project = "bare"
language = "ko"
html_theme = "sphinx_book_theme"
smartquotes = False
"""
BARE_INDEX = """\
bare
====

.. toctree::
   :glob:

   text/*
"""
TARGETS = {"fresh / bare": 2.5, "warm / bare": 1.5, "annotation / fresh": 0.25, "4x / 1x": 4.4}


class Run(NamedTuple):
    seconds: float
    mib: int
    output: str

    @property
    def read(self) -> int | None:
        """Documents read (added and changed), from Sphinx's status."""
        found = re.search(
            r"updating environment: (?:\[[^\]]*\] )?(\d+) added, (\d+) changed", self.output
        )
        return int(found[1]) + int(found[2]) if found else None


def timed(cmd: list[str], cwd: Path, *, check: bool = True) -> Run:
    """Wall time, peak RSS and output of a command."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", timing.name, *cmd],
            cwd=cwd, capture_output=True, text=True, check=False,
        )  # fmt: skip
        output = result.stdout + result.stderr
        if check and result.returncode != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{output[-4000:]}")
        seconds, kib = timing.read().split()[-2:]
    return Run(float(seconds), int(kib) // 1024, output)


def html(project: Path, out: Path, *options: str, jobs: str = "auto") -> Run:
    """The edition's HTML build as ``make html`` runs it (strict, doctrees beside the output)."""
    return timed(
        [*SPHINX, "-c", str(project), "-j", jobs, "-b", "html", "-d", f"{out}.doctrees",
         *options, str(project / "source"), str(out)],
        project,
    )  # fmt: skip


def make(project: Path, target: str) -> Run:
    return timed(["make", "-o", f"{VENV}/.installed", target, f"VENV={VENV}"], project)


def copy_project(where: Path) -> Path:
    project = where / "project"
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns(".*", "_build"))
    return project


def edit(project: Path, change: tuple[str, str, str]) -> None:
    """Replace the first occurrence of a text in a file of the project."""
    path, old, new = change
    text = (project / path).read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    (project / path).write_text(text.replace(old, new, 1), encoding="utf-8")


def bare(project: Path, where: Path) -> Run:
    """Sphinx alone on the same text: a plain conf.py and index, the same theme."""
    source = where / "bare"
    shutil.copytree(project / "source" / "text", source / "text")
    (source / "conf.py").write_text(BARE_CONF, encoding="utf-8")
    (source / "index.rst").write_text(BARE_INDEX, encoding="utf-8")
    return timed(
        [sys.executable, "-m", "sphinx", "-q", "-j", "auto", "-b", "html", str(source),
         str(where / "bare-out")],
        where,
    )  # fmt: skip


def sizes(out: Path) -> dict[str, int]:
    """The search files the search page loads, and a text page with what it loads (fonts
    excluded): bytes."""
    page = (out / "search.html").read_text(encoding="utf-8")
    found = {name: (out / name).stat().st_size for name in SEARCH_FILES if name in page}
    text_page = out / "text" / f"{PART}.html"
    source = text_page.read_text(encoding="utf-8")
    assets = set(re.findall(r'(?:href|src)="\.\./(_static/[^"?#]+\.(?:css|js))', source))
    found["text page (HTML)"] = text_page.stat().st_size
    found["text page with its CSS and JS"] = text_page.stat().st_size + sum(
        (out / a).stat().st_size for a in assets if (out / a).is_file()
    )
    return found


def synthetic(project: Path, times: int) -> None:
    """The edition ``times`` as long: every part repeated as ``<part>-x<k>``, with a copy of
    its annotation file whose ids are made new (and without the ¶ numbers the notes give as
    a check); the copies join the opening part's toctree."""
    text, notes = project / "source" / "text", project / "source" / "annotations"
    parts = sorted(text.glob("*.rst"))
    opening = parts[0]
    names = []
    for k in range(2, times + 1):
        for part in parts:
            name = f"{part.stem}-x{k}"
            body = part.read_text(encoding="utf-8")
            if part == opening:  # its copy without the toctree of the parts
                body = body.split("\n.. toctree::", 1)[0] + "\n"
            (text / f"{name}.rst").write_text(body, encoding="utf-8")
            note_file = notes / f"{part.stem}.toml"
            if note_file.is_file():
                records = note_file.read_text(encoding="utf-8")
                records = re.sub(r'^id = "([^"]+)"', rf'id = "\1-x{k}"', records, flags=re.M)
                # ¶ numbers run through the edition: the copy's are others (optional field)
                records = re.sub(r"^paragraph = \d+\n", "", records, flags=re.M)
                (notes / f"{name}.toml").write_text(records, encoding="utf-8")
            names.append(name)
    toc = "".join(f"   {name}\n" for name in names)
    opening.write_text(opening.read_text(encoding="utf-8").rstrip("\n") + "\n" + toc, "utf-8")


def median(runs: list[Run]) -> dict[str, float | int | None]:
    return {
        "seconds": round(statistics.median(r.seconds for r in runs), 2),
        "peak_mib": int(statistics.median(r.mib for r in runs)),
        "documents_read": runs[0].read,
    }


def measure(args: argparse.Namespace) -> dict:
    rows: dict[str, list[Run]] = {}
    size: dict[str, int] = {}

    def add(name: str, run: Run) -> Run:
        rows.setdefault(name, []).append(run)
        return run

    for number in range(args.runs):
        print(f"run {number + 1} of {args.runs}…", file=sys.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            where = Path(tmp)
            project = copy_project(where)
            out = where / "html"
            add("bare Sphinx, same text and theme", bare(project, where))
            run = add("edition, fresh (no doctrees, no token cache)", html(project, out))
            assert LOADING in run.output, "the analyser did not load on a fresh build"
            size = sizes(out)
            run = add("edition, warm cache (-E)", html(project, out, "-E"))
            assert LOADING not in run.output, "the analyser loaded on a warm build"
            add("edition, serial (-j 1), warm cache (-E)", html(project, out, "-E", jobs="1"))
            add("edition, no-change rebuild", html(project, out))
            edit(project, ANNOTATION_EDIT)
            add("edition, one annotation edited", html(project, out))
            edit(project, REGISTER_EDIT)
            add("edition, one register entry edited", html(project, out))
            edit(project, TEXT_EDIT)
            add("edition, one text paragraph edited", html(project, out))
            if not args.skip_books:
                books = copy_project(where / "books")
                add("make pdf", make(books, "pdf"))
                add("make epub", make(books, "epub"))
            if not args.skip_synthetic:
                for times in (1, 2, 4):
                    scaled = copy_project(where / f"x{times}")
                    synthetic(scaled, times)
                    scaled_out = where / f"x{times}-html"
                    html(scaled, scaled_out)  # the token cache
                    add(f"synthetic {times}×, warm cache (-E)", html(scaled, scaled_out, "-E"))
                    shutil.rmtree(scaled)
    results = {"runs": args.runs, "builds": {name: median(runs) for name, runs in rows.items()}}
    if not args.skip_test:
        print("make test…", file=sys.stderr)
        run = timed(["make", "-o", f"{VENV}/.installed", "test"], PROJECT, check=False)
        log = args.json.with_name("bench-make-test.log")
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(run.output, encoding="utf-8")
        results["builds"]["make test (once)"] = {
            "seconds": run.seconds,
            "peak_mib": run.mib,
            "documents_read": None,
            "summary": (re.findall(r"=+ (.* in [\d.]+s.*) =+", run.output) or [""])[-1],
        }
    results["sizes"] = size
    results["ratios"] = ratios(results["builds"])
    return results


def ratios(builds: dict) -> dict[str, float]:
    def seconds(name: str) -> float | None:
        return next((v["seconds"] for k, v in builds.items() if k.startswith(name)), None)

    pairs = {
        "fresh / bare": ("edition, fresh", "bare Sphinx"),
        "warm / bare": ("edition, warm", "bare Sphinx"),
        "annotation / fresh": ("edition, one annotation", "edition, fresh"),
        "serial / parallel (warm)": ("edition, serial", "edition, warm"),
        "2x / 1x": ("synthetic 2×", "synthetic 1×"),
        "4x / 1x": ("synthetic 4×", "synthetic 1×"),
    }
    found = {}
    for label, (top, bottom) in pairs.items():
        a, b = seconds(top), seconds(bottom)
        if a is not None and b:
            found[label] = round(a / b, 2)
    return found


def report(results: dict) -> None:
    print(f"Builds, median of {results['runs']} run(s):\n")
    print("| build | time (s) | peak RSS (MiB) | documents read |")
    print("|---|---:|---:|---:|")
    for name, row in results["builds"].items():
        read = "" if row["documents_read"] is None else row["documents_read"]
        print(f"| {name} | {row['seconds']:.2f} | {row['peak_mib']} | {read} |")
    print("\n| ratio | measured | target |\n|---|---:|---:|")
    for label, value in results["ratios"].items():
        target = TARGETS.get(label)
        print(f"| {label} | {value:.2f} | {'≤ ' + str(target) if target else ''} |")
    print("\n| file | bytes |\n|---|---:|")
    for name, value in results["sizes"].items():
        print(f"| {name} | {value:,} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-books", action="store_true", help="no make pdf, make epub")
    parser.add_argument("--skip-synthetic", action="store_true", help="no 1×, 2×, 4× curve")
    parser.add_argument("--skip-test", action="store_true", help="no make test")
    parser.add_argument("--json", type=Path, default=PROJECT / "_build" / "bench.json")
    args = parser.parse_args()
    results = measure(args)
    report(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
