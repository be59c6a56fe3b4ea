"""Wire intake's writes: an import makes or updates a draft; an editor accepts the
suggestions it offered."""

from .accept import accept_suggestions
from .importer import ImportResult, import_wire

__all__ = ["ImportResult", "accept_suggestions", "import_wire"]
