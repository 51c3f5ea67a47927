"""Where plangraf finds its ontology, its bundled dataset and its export folder by default.

A checkout (and an editable install) reads ``ontology/`` and ``data/triples/`` at the repository root, where
curators edit them. A built wheel carries copies of both inside the package (``plangraf/bundled/``, written by
``setup.py`` at build time), so an installed plangraf behaves the same wherever it runs.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
QUERY_DIR = PACKAGE_DIR / "queries"
TEMPLATE_DIR = PACKAGE_DIR / "templates"


def _root() -> tuple[Path, bool]:
    """The folder holding ``ontology/`` and ``data/``, and whether it is a checkout."""
    checkout = PACKAGE_DIR.parents[1]
    if (checkout / "ontology" / "plangraf.ttl").is_file() and (checkout / "data" / "triples").is_dir():
        return checkout, True
    return PACKAGE_DIR / "bundled", False


ROOT, IN_CHECKOUT = _root()
DEFAULT_ONTOLOGY = ROOT / "ontology"
DEFAULT_DATA = ROOT / "data" / "triples"
CONVENTIONS = ROOT / "data" / "CONVENTIONS.md"
SHAPES_FILE = DEFAULT_ONTOLOGY / "shapes.ttl"
DEFAULT_EXPORTS = (ROOT if IN_CHECKOUT else Path.cwd()) / "exports"


def turtle_files(paths: list[Path], skip_shapes: bool = False) -> list[Path]:
    """Expand files and folders into a sorted list of Turtle files.

    Folders are searched recursively for ``*.ttl``. SHACL shape files (``*shapes.ttl``) are skipped when
    loading an ontology folder, because shapes describe the data and are not part of it.
    """
    from plangraf.errors import DataLoadError, EmptyGraphError

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*.ttl") if p.is_file())
            if not inside:
                raise EmptyGraphError(f"no Turtle files (*.ttl) in {path}")
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise DataLoadError(f"not a regular file or a folder: {path}")
        else:
            raise DataLoadError(f"no such file or folder: {path}")
    if skip_shapes:
        found = [p for p in found if not p.name.endswith("shapes.ttl")]
    return found
