"""Typed errors raised by the library; the CLI turns each into one line on stderr and an exit code."""


class PlangrafError(Exception):
    """Base class: anything the user can fix by changing the input."""


class DataLoadError(PlangrafError):
    """A Turtle file could not be read or parsed."""


class QueryError(PlangrafError):
    """A SPARQL query is malformed, unknown or not allowed."""


class NotFoundError(PlangrafError):
    """An action, actor, view or named thing does not exist in the graph."""


class AmbiguousNameError(PlangrafError):
    """A name matches several nodes."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.candidates = candidates
        super().__init__(f"'{name}' is ambiguous; candidates: {', '.join(candidates)}")


class SourceNotFoundError(PlangrafError):
    """The source text needed for evidence checking is missing."""


class StoreError(PlangrafError):
    """A store or SPARQL endpoint failed or could not be reached."""


class OutputError(PlangrafError):
    """A result could not be written."""


class ReasonerUnavailableError(PlangrafError):
    """Java (needed by HermiT) is missing."""


class InconsistentGraphError(PlangrafError):
    """Reasoning is impossible because the graph is inconsistent."""


class DatasetError(PlangrafError):
    """A dataset cannot be created as asked (``plangraf init``), or is missing what a command needs."""
