"""The errors uzkz raises on purpose. Each carries a message a person can act on."""


class UzkzError(Exception):
    """Base class: the message is shown to the user as it is."""


class InputFileError(UzkzError):
    """A document could not be read (missing, binary, undecodable, too large...)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ArchiveError(UzkzError):
    """The archive file cannot be opened or written as asked."""


class SearchIndexError(UzkzError):
    """The search index is missing, stale or damaged and could not be rebuilt."""
