"""One way to be a context manager for everything that holds files or connections."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Self


class Closing(ABC):
    """`with Thing.open(...) as thing:` closes the thing however the block ends."""

    @abstractmethod
    def close(self) -> None:
        """Release what the object holds; calling it twice is harmless."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
