"""The data file cache (``datacache.py``): what a file gives, kept between builds.

A file whose bytes are unchanged gives what it gave when it was read (records and
problems), without being read again; a file edited, or a store written by other code, is
read again.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import PROJECT
from critical_edition import annotation_files, datacache, datafiles
from critical_edition.register import data as register_data

ANNOTATION = PROJECT / "source" / "annotations" / "07-triumvirate-split.toml"
PERSONS = PROJECT / "source" / "register" / "persons.toml"


def comparable(result: tuple) -> tuple:
    """Records and problems by value (docutils nodes compare by identity: their pformat)."""
    records, problems = result

    def plain(record: object) -> object:
        fields = record._asdict() if hasattr(record, "_asdict") else vars(record)
        return {
            name: tuple(n.pformat() for n in value)
            if isinstance(value, tuple) and value and hasattr(value[0], "pformat")
            else value
            for name, value in fields.items()
        }

    return [plain(r) for r in records], list(problems)


def a_new_process() -> None:
    """What a new build process would have: no file read yet (the store is kept)."""
    datafiles._load.cache_clear()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store for a build whose doctrees are in ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    app = SimpleNamespace(doctreedir=str(tmp_path / "doctrees"))
    datacache.open_store(app)  # type: ignore[arg-type]
    a_new_process()
    yield app
    datacache.save_store(app, RuntimeError("the test is over"))  # forgets, writes nothing
    a_new_process()


def not_read(*args: object) -> None:
    raise AssertionError("the file was read again")


@pytest.mark.parametrize(
    ("path", "load"),
    [
        (ANNOTATION, annotation_files.load),
        (PERSONS, lambda path: register_data.load("persons", path)),
    ],
)
def test_an_unchanged_file_gives_what_it_gave_without_being_read(
    store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: Path, load
) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    first = comparable(load(copy))
    assert first[0], "the file has records"
    a_new_process()
    monkeypatch.setattr(datafiles, "_read", not_read)
    assert comparable(load(copy)) == first


def test_an_edited_file_is_read_again(store, tmp_path: Path) -> None:
    copy = tmp_path / ANNOTATION.name
    shutil.copy(ANNOTATION, copy)
    before = annotation_files.load(copy)[0]
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("부하린의 이 구호는 1925년", "부하린의 이 구호는 바로 1925년"))
    a_new_process()
    after = annotation_files.load(copy)[0]
    assert [r.body for r in after] != [r.body for r in before]
    assert any("바로 1925년" in (r.body or "") for r in after)


def test_problems_are_kept_with_the_records(store, tmp_path: Path, monkeypatch) -> None:
    """A file with a problem gives its problem again (the build must stop again)."""
    copy = tmp_path / ANNOTATION.name
    text = ANNOTATION.read_text(encoding="utf-8")
    copy.write_text(text.replace('verification = "', 'verification = "x', 1), encoding="utf-8")
    first = annotation_files.load(copy)
    assert first[1], "the file has a problem"
    a_new_process()
    monkeypatch.setattr(datafiles, "_read", not_read)
    assert annotation_files.load(copy)[1] == first[1]


def test_the_store_is_kept_between_builds_made_by_the_same_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SimpleNamespace(doctreedir=str(tmp_path / "doctrees"))
    copy = tmp_path / ANNOTATION.name
    shutil.copy(ANNOTATION, copy)

    datacache.open_store(app)  # type: ignore[arg-type]
    a_new_process()
    first = comparable(annotation_files.load(copy))
    datacache.save_store(app, None)  # type: ignore[arg-type]
    assert (tmp_path / "doctrees" / datacache.FILENAME).is_file()

    datacache.open_store(app)  # type: ignore[arg-type]  # the next build
    a_new_process()
    with monkeypatch.context() as m:
        m.setattr(datafiles, "_read", not_read)
        assert comparable(annotation_files.load(copy)) == first
    datacache.save_store(app, None)  # type: ignore[arg-type]

    # A build by other code (another version of the extension) reads the files again.
    monkeypatch.setattr(datacache, "code_version", lambda: "other code")
    datacache.open_store(app)  # type: ignore[arg-type]
    a_new_process()
    read = []
    real_read = datafiles._read
    monkeypatch.setattr(datafiles, "_read", lambda *a: read.append(a) or real_read(*a))
    assert comparable(annotation_files.load(copy)) == first
    assert read, "the file was read again"
    datacache.save_store(app, RuntimeError("the test is over"))
    a_new_process()


def test_a_remembered_result_is_computed_once_across_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = SimpleNamespace(doctreedir=str(tmp_path / "doctrees"))
    calls: list[str] = []

    def decode(value: str) -> str:
        calls.append(value)
        return value.upper()

    datacache.open_store(app)  # type: ignore[arg-type]
    assert datacache.remembered("test", "a", decode) == "A"
    assert datacache.remembered("test", "b", decode) == "B"
    datacache.save_store(app, None)  # type: ignore[arg-type]
    assert calls == ["a", "b"]

    datacache.open_store(app)  # type: ignore[arg-type]  # the next build asks for "a" only
    assert datacache.remembered("test", "a", decode) == "A"
    assert calls == ["a", "b"]
    assert datacache.remembered("test", "c", decode) == "C"  # something new: saved again
    datacache.save_store(app, None)  # type: ignore[arg-type]

    datacache.open_store(app)  # type: ignore[arg-type]  # "b", not asked for, was dropped
    assert datacache.remembered("test", "b", decode) == "B"
    assert calls == ["a", "b", "c", "b"]
    datacache.save_store(app, RuntimeError("the test is over"))


def test_an_unchanged_bib_file_is_not_parsed_again(
    store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from critical_edition import bibfiles

    bib = tmp_path / "a.bib"
    bib.write_text("@book{a,\n  title = {T},\n  keywords = {nowhere},\n}\n", encoding="utf-8")
    first = bibfiles.check_file(bib, "a.bib", ("title",), ("trotsky",))
    assert [p.message for p in first] != []  # keywords not a group
    monkeypatch.setattr(bibfiles, "_checked", not_read)
    assert bibfiles.check_file(bib, "a.bib", ("title",), ("trotsky",)) == first
    # another rule, or another file: checked anew
    monkeypatch.undo()
    assert bibfiles.check_file(bib, "a.bib", ("title",), ("nowhere",)) == []
    bib.write_text("@book{a,\n  keywords = {trotsky},\n}\n", encoding="utf-8")
    assert [p.message for p in bibfiles.check_file(bib, "a.bib", ("title",), ("trotsky",))]
