class FixedDigits:
    """A zero-padded number in a URL, kept as text so 01 reverses to 01."""

    def to_python(self, value):
        return value

    def to_url(self, value):
        return f"{int(value):0{self.width}d}"


class Year(FixedDigits):
    regex = "[0-9]{4}"
    width = 4


class TwoDigits(FixedDigits):
    regex = "[0-9]{2}"
    width = 2


class TagSlug:
    """A tag's slug: letters of any script, digits, - and _, as taggit makes them."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
