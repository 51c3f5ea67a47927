"""Where plangraf finds its bundled ontology, data and export folder by default."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parents[1]
DEFAULT_ONTOLOGY = REPO_ROOT / "ontology"
DEFAULT_DATA = REPO_ROOT / "data" / "triples"
DEFAULT_EXPORTS = REPO_ROOT / "exports"
SHAPES_FILE = DEFAULT_ONTOLOGY / "shapes.ttl"
QUERY_DIR = PACKAGE_DIR / "queries"


def turtle_files(paths: list[Path], skip_shapes: bool = False) -> list[Path]:
    """Expand files and folders into a sorted list of Turtle files.

    Folders are searched recursively for ``*.ttl``. SHACL shape files (``*shapes.ttl``) are skipped when
    loading an ontology folder, because shapes describe the data and are not part of it.
    """
    from plangraf.errors import DataLoadError

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.ttl") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise DataLoadError(f"no such file or folder: {path}")
    if skip_shapes:
        found = [p for p in found if not p.name.endswith("shapes.ttl")]
    return found
