"""Focal-point crops: pure geometry, no pixels."""

from dataclasses import dataclass

WIDTHS = (320, 640, 960, 1280, 1920)
SOCIAL_SIZE = (1200, 630)


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self):
        return self.right - self.left

    @property
    def height(self):
        return self.bottom - self.top

    def __str__(self):
        return f"{self.left},{self.top},{self.right},{self.bottom}"

    def as_tuple(self):
        return (self.left, self.top, self.right, self.bottom)


def focal_crop(width, height, ratio, focal_x, focal_y):
    """The largest box of `ratio` (w, h) inside the image, centred on the focal point
    as far as the edges allow; the focal point is always inside it."""
    ratio_w, ratio_h = ratio
    if width * ratio_h > height * ratio_w:
        crop_h = height
        crop_w = min(width, max(1, round(height * ratio_w / ratio_h)))
    else:
        crop_w = width
        crop_h = min(height, max(1, round(width * ratio_h / ratio_w)))
    left = _clamp(round(focal_x * width - crop_w / 2), 0, width - crop_w)
    top = _clamp(round(focal_y * height - crop_h / 2), 0, height - crop_h)
    return Box(left, top, left + crop_w, top + crop_h)


def rendition_widths(crop_width, widths=WIDTHS):
    """The standard widths that fit the crop (never upscaled); a crop narrower than
    the smallest gets one rendition at its own width."""
    return [width for width in widths if width <= crop_width] or [crop_width]


def scaled_height(box, width):
    return max(1, round(box.height * width / box.width))


def _clamp(value, low, high):
    return max(low, min(value, high))
