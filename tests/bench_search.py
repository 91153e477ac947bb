"""Benchmark of the Korean search: build time, peak memory and index size against stock Sphinx.

Run with ``make bench`` (or ``.venv/bin/python tests/bench_search.py [--runs N]``). Every
build is the real edition, strict and parallel as the Makefile builds it:

- *stock*: Sphinx's own search, as it indexes a Korean text (``html_search_language=en``,
  which is what Sphinx silently falls back to for ``ko``);
- *Korean, cold*: the edition's Korean search with an empty token cache (the analyser loads);
- *Korean, -E warm*: a fresh environment (every page read and indexed again) with the cache
  of the cold build: the analyser must not load;
- *Korean, no change*: an incremental build with nothing to do;
- *Korean, one paragraph changed*: the analyser loads to analyse that paragraph (and the
  renumbering-free rewrite of the page costs the rest).

The builds run on a copy of the project, so that a paragraph can be changed.

Times are wall-clock seconds (median of the runs), memory is the peak resident set size of
the build (``/usr/bin/time``), sizes are those of the files the search page loads.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SPHINX = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n"]
CHANGED_PART = Path("source/text/07-triumvirate-split.rst")
LOADING = "loading the Korean morphological analyser"
SEARCH_FILES = (
    "searchindex.js",
    "_static/language_data.js",
    "_static/searchtools.js",
    "_static/edition-search.js",
    "_static/search-ko.css",
)


def build(project: Path, out: Path, *options: str) -> tuple[float, int, str]:
    """Wall time (s), peak RSS (MiB) and status output of one HTML build into ``out``."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        cmd = [
            "/usr/bin/time", "-f", "%e %M", "-o", timing.name,
            *SPHINX, "-c", str(project), "-j", "auto", "-b", "html", *options,
            str(project / "source"), str(out),
        ]  # fmt: skip
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"build failed:\n{result.stderr}")
        seconds, kib = timing.read().split()
    return float(seconds), int(kib) // 1024, result.stdout + result.stderr


#: The ranking data the search page carries itself (search_ko/ranks.py).
RANKS = '<script id="edition-search-ranks" type="application/json">'


def sizes(out: Path) -> dict[str, int]:
    """Sizes of the search files that the search page of ``out`` loads, and of its ranking
    data."""
    page = (out / "search.html").read_text(encoding="utf-8")
    found = {name: (out / name).stat().st_size for name in SEARCH_FILES if name in page}
    if RANKS in page:
        data = page.split(RANKS, 1)[1].split("</script>", 1)[0]
        found["ranking data in search.html"] = len(data.encode("utf-8"))
    return found


def measure(runs: int) -> None:
    rows: dict[str, list[tuple[float, int]]] = {}
    stock_sizes: dict[str, int] = {}
    korean_sizes: dict[str, int] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "project"
            shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns(".*", "_build"))
            stock, korean = Path(tmp) / "stock", Path(tmp) / "korean"
            rows.setdefault("stock Sphinx, full build", []).append(
                build(project, stock, "-D", "html_search_language=en")[:2]
            )
            stock_sizes = sizes(stock)
            seconds, mib, log = build(project, korean)
            assert LOADING in log
            rows.setdefault("Korean, full build, cold cache", []).append((seconds, mib))
            korean_sizes = sizes(korean)
            seconds, mib, log = build(project, korean, "-E")
            assert LOADING not in log, "the analyser was loaded"
            rows.setdefault("Korean, -E rebuild, warm cache", []).append((seconds, mib))
            rows.setdefault("Korean, no-change rebuild", []).append(build(project, korean)[:2])
            part = project / CHANGED_PART
            text = part.read_text(encoding="utf-8")
            part.write_text(text.replace("지노비에프와", "지노비에프 그리고", 1), encoding="utf-8")
            seconds, mib, log = build(project, korean)
            assert LOADING in log and "analysed 1 new texts" in log, log
            rows.setdefault("Korean, one paragraph changed", []).append((seconds, mib))
    print(f"Builds of the real edition, -j auto, median of {runs} run(s):\n")
    print("| build | time (s) | peak RSS (MiB) |")
    print("|---|---:|---:|")
    for name, values in rows.items():
        seconds = statistics.median(v[0] for v in values)
        mib = statistics.median(v[1] for v in values)
        print(f"| {name} | {seconds:.2f} | {mib} |")
    print("\nFiles the search page loads (bytes):\n")
    print("| file | stock | Korean |")
    print("|---|---:|---:|")
    for name in (*SEARCH_FILES, "ranking data in search.html"):
        print(f"| {name} | {stock_sizes.get(name, 0):,} | {korean_sizes.get(name, 0):,} |")
    print(f"| total | {sum(stock_sizes.values()):,} | {sum(korean_sizes.values()):,} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    measure(parser.parse_args().runs)


if __name__ == "__main__":
    main()
