"""uzkz-desktop: an offline archive of Uzbekistan–Kazakhstan relations."""

__version__ = "0.1.0"
