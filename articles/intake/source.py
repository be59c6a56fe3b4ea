"""Reading agency copy: size, encoding and format checked before any parsing."""

from pathlib import PurePosixPath

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from . import ninjs, text
from .item import WireError

# Characters that never occur in copy: C0 controls other than tab and line breaks.
_CONTROL = {chr(code) for code in range(32)} - {"\t", "\n", "\r", "\f"}


def max_bytes():
    return settings.NEWSROOM_WIRE_MAX_BYTES


def read_wire(data, name=""):
    """The WireItem in `data` (bytes or str; a .txt or .json file, or pasted
    copy); WireError, with the reason, for anything that is not copy."""
    copy = decode(data)
    suffix = PurePosixPath(name or "").suffix.lower()
    if suffix not in ("", ".txt", ".json"):
        raise WireError(
            f"“{suffix}” files are not wire copy: upload a .txt or .json file."
        )
    if suffix == ".json" or (suffix == "" and copy.lstrip().startswith("{")):
        return ninjs.parse(copy)
    return text.parse(copy)


def decode(data):
    """`data` as text, refused when empty, too large or not text at all."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    limit = max_bytes()
    if len(raw) > limit:
        raise WireError(
            f"The copy is larger than {filesizeformat(limit)}; a wire story is "
            "far shorter. Check that this is the right file."
        )
    try:
        copy = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WireError(
            "This is not text: the file is binary or not in UTF-8."
        ) from None
    if any(char in _CONTROL for char in copy):
        raise WireError("This is not text: it holds control characters.")
    copy = copy.replace("\r\n", "\n").replace("\r", "\n")
    if not copy.strip():
        raise WireError("The copy is empty.")
    return copy
