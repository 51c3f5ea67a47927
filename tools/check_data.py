"""Curation helper, kept for old habits: the same as `plangraf check FILE...` (see `plangraf check --help`).

Usage: .venv/bin/python tools/check_data.py data/triples/some/file.ttl [...]
"""

import sys

from plangraf.cli import main

if __name__ == "__main__":
    main(["check", *sys.argv[1:]], prog_name="plangraf")
