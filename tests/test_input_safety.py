"""Hostile data and hostile outputs: typed values checked where they enter, no traceback for broken or
unreadable files, full disks, closed pipes or special files, a cache that tells the truth, temporary files
removed on every way out. Ends with property tests over random Turtle snippets."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plangraf import store as store_module
from plangraf.cli import main
from plangraf.errors import DataLoadError, EmptyGraphError, IllTypedValueError, OutputError, Terminated
from plangraf.loading import load
from plangraf.output import write_atomic

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "triples" / "plan"
VALID = Path(__file__).parent / "fixtures" / "valid"
BASE = [PLAN / "plan.ttl", PLAN / "dataset.ttl", VALID]
CLI_BASE = [arg for path in BASE for arg in ("--data", str(path))]
HEAD = """@prefix pg: <https://w3id.org/plangraf/ontology#> . @prefix id: <https://w3id.org/plangraf/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix edtf: <http://id.loc.gov/datatypes/edtf/> .
"""
STORES = ["embedded", "memory"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANGRAF_CACHE_DIR", str(folder))
    return folder


def facts(folder: Path, body: str, name: str = "extra.ttl") -> Path:
    path = folder / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def run_cli(*args: str) -> tuple[int, str, str, BaseException | None]:
    """The CLI in-process: exit code, stdout, stderr, and the exception if it was not a clean exit."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    crash = None if result.exception is None or isinstance(result.exception, SystemExit) else result.exception
    return result.exit_code, result.stdout, result.stderr, crash


def run_process(*args: str, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plangraf", *args], capture_output=True, text=True, **kwargs)


# ------------------------------------------------------------------------------------ typed data at load

ILL_TYPED = [
    ("integer", 'id:grant-x a pg:Grant ;\n    pg:amount "abc"^^xsd:integer .', 5,
     'id:grant-x pg:amount "abc" is not a valid xsd:integer'),
    ("impossible date", 'id:ev-x a pg:Training ;\n    pg:date "2008-13-45"^^xsd:date .', 5,
     'id:ev-x pg:date "2008-13-45" is not a valid xsd:date'),
    ("february 30", 'id:ev-x pg:date "2009-02-29"^^xsd:date .', 4, "is not a valid xsd:date"),
    ("string where the range is a count", 'id:ev-x a pg:Training ;\n    pg:participants "many" .', 5,
     'id:ev-x pg:participants "many" has the datatype xsd:string, but the ontology gives pg:participants '
     "the range xsd:nonNegativeInteger"),
    ("language-tagged quote", 'id:action-7 pg:hasEvidence [ pg:quote "Återvändande"@sv ] .', 4,
     "a blank node pg:quote"),
    ("IRI where a number is due", "id:ev-x pg:participants id:many .", 4, "pg:participants id:many is not a literal"),
    ("derived type out of its bounds", 'id:action-7 pg:hasEvidence [ pg:line "0"^^xsd:positiveInteger ] .', 4,
     'a blank node pg:line "0" is not a valid xsd:positiveInteger'),
    ("boolean in capitals", 'id:asg-7 pg:dateUnknown "TRUE"^^xsd:boolean .', 4, "is not a valid xsd:boolean"),
    ("EDTF plangraf cannot read", 'id:ev-x pg:date "2009-25"^^edtf:EDTF .', 4,
     'pg:date "2009-25" is not a valid edtf:EDTF'),
]


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("name, body, line, said", ILL_TYPED, ids=[c[0] for c in ILL_TYPED])
def test_an_ill_typed_value_is_refused_naming_file_line_and_node(tmp_path: Path, cache: Path, store: str, name: str,
                                                                 body: str, line: int, said: str) -> None:
    extra = facts(tmp_path, body)
    with pytest.raises(IllTypedValueError) as info:
        load([*BASE, extra], store=store)
    message = str(info.value)
    assert message.startswith(f"ill-typed value in {extra} line {line}: ") and said in message, message
    assert "\n" not in message
    assert not list(cache.glob("*.nt")), "an ill-typed graph is never cached"


@pytest.mark.parametrize("store", STORES)
def test_well_typed_values_load(tmp_path: Path, cache: Path, store: str) -> None:
    body = """id:ev-x a pg:Training ; pg:participants -5 ; pg:sessions "3"^^xsd:nonNegativeInteger ;
        pg:date "2009-23"^^edtf:EDTF ; pg:endDate "2010-01/2010-06"^^edtf:EDTF .
    id:grant-x a pg:Grant ; pg:amount 2.5 , "+07"^^xsd:integer ; pg:amountUnknown "1"^^xsd:boolean .
    id:action-7 pg:hasEvidence [ pg:line "12"^^xsd:positiveInteger ; pg:quote "fick den 8 april 2009" ] ."""
    backend = load([*BASE, facts(tmp_path, body)], store=store)
    assert backend.triple_count() > 100  # a negative count is for the SHACL shapes to report, not loading


def test_several_ill_typed_values_are_counted_in_the_one_line(tmp_path: Path, cache: Path) -> None:
    extra = facts(tmp_path, 'id:a pg:amount "x"^^xsd:integer .\nid:b pg:amount "y"^^xsd:integer .\nid:c pg:number "z" .')
    with pytest.raises(IllTypedValueError, match=r"\(and 2 more ill-typed values\)$"):
        load([*BASE, extra])


def test_the_cli_says_it_in_one_line_with_exit_2(tmp_path: Path, cache: Path) -> None:
    extra = facts(tmp_path, 'id:grant-x pg:amount "abc"^^xsd:integer .')
    for command in (["stats"], ["report", "funding"], ["action", "7"]):
        code, out, err, crash = run_cli(*CLI_BASE, "--data", str(extra), *command)
        assert crash is None and code == 2 and out == "", (command, crash)
        assert err.startswith(f"Error: ill-typed value in {extra} line 4: ") and err.count("\n") == 1
    # validate reports it as a problem of the data (exit 1), listing every ill-typed value
    code, out, err, crash = run_cli(*CLI_BASE, "--data", str(extra), "validate", "--only", "shacl")
    assert crash is None and code == 1 and f"{extra} line 4" in out, (out, err)


@pytest.mark.parametrize("store", STORES)
def test_validate_lists_every_ill_typed_value_at_once(store: str, cache: Path) -> None:
    """Values that reach a store some other way (an update, an endpoint): the shapes state the same datatypes."""
    from plangraf.validation import validate

    backend = load(BASE, store="memory")
    backend.update(HEAD.replace("@prefix", "PREFIX").replace("> .", ">") + """INSERT DATA {
        id:ev-x pg:participants "many" ; pg:date "2008-13-45"^^xsd:date .
        id:grant-x pg:amount "abc"^^xsd:integer ; pg:amountUnknown "yes" .
        id:action-7 pg:hasEvidence [ pg:line "seven" ] . }""")
    problems = validate(backend, ("shacl",)).checks[0].problems
    messages = {(p.node, p.message.split(" (path")[0]) for p in problems}
    assert ("id:ev-x", "a count is a whole number (xsd:integer or xsd:nonNegativeInteger)") in messages
    assert any(node == "id:ev-x" and message.startswith("a date is an xsd:date") for node, message in messages)
    assert ("id:grant-x", "an amount is a number (xsd:integer or xsd:decimal)") in messages
    assert ("id:grant-x", "a flag is true or false (xsd:boolean)") in messages
    assert any("pg:line is a whole number" in message for _, message in messages)


# ---------------------------------------------------------------------------- empty, broken, unreadable


def test_an_empty_graph_is_an_error(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("no Turtle here")
    with pytest.raises(EmptyGraphError, match="no Turtle files"):
        load([tmp_path / "notes"])
    (tmp_path / "empty.ttl").write_bytes(b"")
    prefixes_only = facts(tmp_path, "# nothing yet\n", "prefixes.ttl")
    for store in STORES:
        with pytest.raises(EmptyGraphError, match="the data holds no triples"):
            load([tmp_path / "empty.ttl", prefixes_only], store=store)
    code, out, err, crash = run_cli("--data", str(tmp_path / "empty.ttl"), "stats")
    assert (code, out, crash) == (2, "", None) and err == f"Error: the data holds no triples: {tmp_path / 'empty.ttl'}\n"


@pytest.mark.parametrize("store", STORES)
def test_binary_and_broken_files_are_one_line(tmp_path: Path, cache: Path, store: str) -> None:
    binary = tmp_path / "binary.ttl"
    binary.write_bytes(bytes(range(256)) * 8)
    truncated = facts(tmp_path, 'id:x a pg:Action ; skos:prefLabel "unterminated', "truncated.ttl")
    for path in (binary, truncated):
        with pytest.raises(DataLoadError, match=f"^broken Turtle in {path}: ") as info:
            load([*BASE, path], store=store)
        assert "\n" not in str(info.value)


def test_unreadable_and_special_files(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    with pytest.raises(DataLoadError, match="not a regular file or a folder"):
        load([fifo])
    locked = facts(tmp_path, "id:x a pg:Action .", "locked.ttl")
    locked.chmod(0)
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:  # root reads any file: refuse as the file system would
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(DataLoadError, match=f"^cannot read {locked}: Permission denied$"):
        load([*BASE, locked])


# ------------------------------------------------------------------------------------------- the cache


def snapshot_of(cache: Path) -> Path:
    (snapshot,) = cache.glob("*.nt")
    return snapshot


def test_each_file_is_read_once_and_the_key_is_what_was_parsed(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Path] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: reads.append(path) or real_read(path))
    load(BASE)
    data_reads = [p for p in reads if p.suffix == ".ttl"]
    assert len(data_reads) == len(set(data_reads)) and VALID / "valid.ttl" in data_reads
    hashed = store_module.content_key(store_module.read_sources(sorted(set(data_reads), key=data_reads.index)))
    assert snapshot_of(cache).stem == hashed


@pytest.mark.parametrize("damage", ["truncated at a line", "a flipped byte", "a false count", "no header"])
def test_a_damaged_snapshot_is_rebuilt_whole(cache: Path, damage: str) -> None:
    expected = load(BASE).triple_count()
    snapshot = snapshot_of(cache)
    data = snapshot.read_bytes()
    header, body = data.split(b"\n", 1)
    damaged = {"truncated at a line": data[: data.index(b"\n", len(data) // 2) + 1],
               "a flipped byte": data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
               "a false count": header.replace(b"triples=", b"triples=1") + b"\n" + body,
               "no header": body}[damage]
    snapshot.write_bytes(damaged)
    assert load(BASE).triple_count() == expected
    assert len(store_module._read_snapshot(snapshot)) == expected, "the rebuilt snapshot replaces the damaged one"


def refuse(*args: object, **kwargs: object) -> None:
    raise PermissionError(13, "Permission denied")


def test_a_read_only_cache_is_used_and_never_written(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    expected = load(BASE).triple_count()
    cache.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: make the folder refuse a new file as it would anyone else
        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        with monkeypatch.context() as parsing:
            parsing.setattr(store_module, "parse_into_oxigraph", lambda *a: pytest.fail("the snapshot was not used"))
            assert load(BASE).triple_count() == expected
        extra = facts(tmp_path, "id:x a pg:Action .")
        assert load([*BASE, extra]).triple_count() == expected + 1  # no snapshot can be written: loaded anyway
        assert len(list(cache.iterdir())) == 1
    finally:
        cache.chmod(0o755)


def test_temporary_snapshots_go_on_every_way_out(cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    load(BASE)
    stale, fresh = cache / ".building-killed.nt", cache / ".building-running.nt"
    stale.write_text("half")
    fresh.write_text("half")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    load([*BASE, facts(tmp_path, "id:x a pg:Action .")])
    assert not stale.exists() and fresh.exists(), "a killed run's file goes, a running one's stays"
    for interrupt in (KeyboardInterrupt, Terminated):
        def interrupted(store: object, interrupt: type[BaseException] = interrupt) -> bytes:
            raise interrupt

        monkeypatch.setattr(store_module, "_snapshot_bytes", interrupted)
        with pytest.raises(interrupt):
            load([*BASE, facts(tmp_path, f"id:y{interrupt.__name__} a pg:Action .")])
        assert sorted(p.name for p in cache.glob(".building-*")) == [fresh.name]


# ------------------------------------------------------------------------------------------------ output


def test_a_full_disk_on_standard_output_is_one_line(cache: Path) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "plangraf", *CLI_BASE, "stats"], stdout=full,
                              stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 2 and proc.stderr == "Error: cannot write to standard output: No space left on device\n"


def test_a_closed_pipe_ends_quietly(cache: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "plangraf", "query", "SELECT * WHERE { ?s ?p ?o }",
                                "--format", "csv"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100)  # the reader goes away after the first bytes of 4 MB
    process.stdout.close()
    errors = process.stderr.read()
    assert process.wait() in (0, 128 + signal.SIGPIPE) and errors == b""


def device(tmp_path: Path, name: str, minor: int) -> Path:
    """A private copy of /dev/null (minor 3) or /dev/full (minor 7), so a regression cannot replace the real one."""
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:  # not root: the real device is safe from replacement anyway
        return Path(f"/dev/{name}")
    return path


def test_out_writes_into_a_special_file_instead_of_replacing_it(tmp_path: Path, cache: Path) -> None:
    null, full = device(tmp_path, "null", 3), device(tmp_path, "full", 7)
    code, _, err, crash = run_cli(*CLI_BASE, "stats", "--out", str(null))
    assert (code, crash, err) == (0, None, f"wrote {null}\n") and stat.S_ISCHR(null.stat().st_mode)
    code, _, err, crash = run_cli(*CLI_BASE, "stats", "--out", str(full))
    assert (code, crash) == (2, None) and err == f"Error: cannot write {full}: No space left on device\n"
    assert stat.S_ISCHR(full.stat().st_mode)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, _, crash = run_cli(*CLI_BASE, "stats", "--format", "json", "--out", str(fifo))
    reader.join(10)
    assert (code, crash) == (0, None) and b'"triples"' in received[0] and stat.S_ISFIFO(fifo.stat().st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary file is left beside them"


def test_out_through_a_symbolic_link_keeps_the_link(tmp_path: Path) -> None:
    target, link = tmp_path / "report.txt", tmp_path / "latest.txt"
    target.write_text("old")
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, Terminated, OSError])
def test_out_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      interrupt: type[BaseException]) -> None:
    def fail(*args: object) -> None:
        raise interrupt

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError if interrupt is OSError else interrupt):
        write_atomic(tmp_path / "out.csv", "a,b\n")
    assert list(tmp_path.iterdir()) == []


def test_sigterm_stops_validate_and_cleans_up(tmp_path: Path) -> None:
    """SIGTERM while HermiT runs: one line, exit 143, the reasoner's process and files gone."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "PLANGRAF_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen([sys.executable, "-m", "plangraf", *CLI_BASE, "validate"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob("plangraf-owl-*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 143 and errors == "Error: terminated\n", errors
    assert not list(tmp_path.glob("plangraf-owl-*"))


# ------------------------------------------------------------------------------------ property tests

SUBJECTS = ["id:x", "id:action-7", "id:asg-7", "_:b", "[]", "<https://w3id.org/plangraf/id/y>", "id:org-lansstyrelsen-stockholm"]
PREDICATES = ["a", "pg:amount", "pg:participants", "pg:date", "pg:endDate", "pg:line", "pg:number", "pg:quote",
              "pg:hasEvidence", "pg:forAction", "pg:assignedTo", "pg:concerns", "pg:dateUnknown", "skos:prefLabel",
              "dct:title", "pg:noSuchTerm", "<http://example.org/p>"]
DATATYPES = ["xsd:integer", "xsd:decimal", "xsd:double", "xsd:boolean", "xsd:date", "xsd:gYear", "xsd:gYearMonth",
             "xsd:nonNegativeInteger", "xsd:positiveInteger", "xsd:byte", "xsd:string", "edtf:EDTF", "<http://example.org/t>"]
LEXICAL = ["1", "-5", "0", "abc", "2008-13-45", "2009-02-28", "2009", "2009-23", "2010-01/2010-06", "true", "TRUE",
           "1e3", "NaN", "", " 7 ", "99999999999999999999", "2009-04-08Z"]
NAMES = ["id:action-7", "id:org-lansstyrelsen-stockholm", "pg:Action", "pg:Report", "pg:Evidence", "id:nowhere",
         "<http://example.org/x>"]


def _quoted(text: str, escape: bool) -> str:
    if escape:
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"'


lexical = st.one_of(st.sampled_from(LEXICAL), st.text(max_size=10))
objects = st.one_of(
    st.builds(lambda v, e, t: f"{_quoted(v, e)}^^{t}", lexical, st.booleans(), st.sampled_from(DATATYPES)),
    st.builds(lambda v, e, lang: _quoted(v, e) + lang, lexical, st.booleans(), st.sampled_from(["", "@sv", "@en", "@x-"])),
    st.integers(-10**20, 10**20).map(str), st.sampled_from(["true", "false", "1.5", "-0.0", "1e9"]),
    st.sampled_from(NAMES), st.builds(lambda p, o: f"[ {p} {o} ]", st.sampled_from(PREDICATES), st.sampled_from(NAMES)))
statements = st.builds(lambda s, p, o: f"{s} {p} {o} .", st.sampled_from(SUBJECTS), st.sampled_from(PREDICATES), objects)
snippets = st.one_of(st.lists(statements, min_size=1, max_size=4).map(lambda lines: ("\n".join(lines)).encode()),
                     st.text(max_size=60).map(str.encode), st.binary(max_size=40))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(snippet=snippets)
def test_any_snippet_ends_in_0_1_or_2_and_never_a_traceback(snippet: bytes, cache: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "valid.ttl"
        data.write_bytes((VALID / "valid.ttl").read_bytes() + b"\n" + HEAD.encode() + snippet + b"\n")
        base = [arg for path in BASE[:2] for arg in ("--data", str(path))] + ["--data", str(data)]
        for command in (["stats"], ["validate", "--only", "shacl"]):
            code, _, err, crash = run_cli(*base, *command)
            assert crash is None, f"{command}: {crash!r}"
            assert code in (0, 1, 2) and (code != 2 or (err.startswith("Error: ") and err.count("\n") == 1)), err
            assert command != ["stats"] or code != 1
