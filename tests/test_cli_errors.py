"""Every command fails the same way: a library error is one line on stderr, exit code 2, no traceback and
nothing on stdout (the command group runs every command, nested ones included, through fail_cleanly)."""

import subprocess
import sys
from pathlib import Path

import pytest

from plangraf.paths import DEFAULT_DATA

COMMANDS = [["stats"], ["queries"], ["query", "actions"], ["action", "1"], ["actor", "RFSL"], ["group", "NMT"],
            ["findings"], ["validate", "--only", "shacl"], ["reason"], ["report", "gaps"], ["serve", "--port", "0"],
            ["push", "http://127.0.0.1:9/update"], ["export", "html"], ["export", "graph", "--format", "gexf"],
            ["check", str(DEFAULT_DATA / "plan" / "dataset.ttl")]]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_a_missing_data_folder_is_one_line_exit_2(tmp_path: Path, args: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "plangraf", "--data", str(tmp_path / "nowhere"), *args],
                          capture_output=True, text=True, cwd=tmp_path)
    if args == ["queries"]:  # lists the bundled queries without loading the data
        assert proc.returncode == 0 and "actions" in proc.stdout
        return
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("Error: no such file or folder") and len(proc.stderr.strip().splitlines()) == 1
    assert proc.stdout == "" and list(tmp_path.iterdir()) == []
