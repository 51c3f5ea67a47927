"""Typed errors raised by the library; the CLI turns each into one line on stderr and an exit code."""


def shown(text: str) -> str:
    """User input as it can stand in a one-line message: as it is when printable, else with escapes (\\n …)."""
    return text if text.isprintable() else repr(text)[1:-1]


class PlangrafError(Exception):
    """Base class: anything the user can fix by changing the input."""


class DataLoadError(PlangrafError):
    """A Turtle file could not be read or parsed."""


class IllTypedValueError(DataLoadError):
    """A literal does not fit its datatype, or a value does not fit the XSD range the ontology gives its property."""


class EmptyGraphError(DataLoadError):
    """The data holds no triples: a folder without Turtle files, or only empty files."""


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


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised as an interrupt so that every clean-up an interrupt runs (temporary files) runs too."""


class NotAllowedError(QueryError):
    """A query asks for something plangraf only does when told to: an update, a federated SERVICE call."""


class LimitError(PlangrafError):
    """A query or an answer went past a bound on time or size."""


class OptionError(PlangrafError):
    """An option or environment variable holds a value plangraf cannot use."""
