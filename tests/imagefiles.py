"""Image files for the tests, good and hostile, made on the spot with Pillow."""

import functools
import io
import struct
import zlib

from PIL import Image, ImageCms

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE, MODEL, BODY_SERIAL = 0x010F, 0x0110, 0xA431


def picture(size=(400, 300), color="steelblue", mode="RGB"):
    """A two-colour picture: `color` on the left half, white on the right."""
    image = Image.new(mode, size, "white")
    image.paste(color, (0, 0, size[0] // 2, size[1]))
    return image


def encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def jpeg(size=(400, 300), **options):
    return encode(picture(size), "JPEG", **options)


def png(size=(400, 300)):
    return encode(picture(size), "PNG")


def animated_gif(size=(100, 100), frames=3):
    images = [picture(size, color) for color in ("red", "green", "blue")[:frames]]
    return encode(images[0], "GIF", save_all=True, append_images=images[1:])


def animated_png(size=(60, 40)):
    images = [picture(size, color) for color in ("red", "green", "blue")]
    return encode(images[0], "PNG", save_all=True, append_images=images[1:])


@functools.cache
def srgb_profile():
    """One sRGB profile per run: littlecms stamps each one with the time it is made."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_jpeg():
    """A JPEG as a phone writes it: GPS position, camera make, model and serial, XMP."""
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[MODEL] = "Phone 15 Pro"
    exif.get_ifd(0x8769)[BODY_SERIAL] = "SN-1234567890"
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
    )
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
        b'1999/02/22-rdf-syntax-ns#"><rdf:Description exif:GPSLatitude="48,51.4N" '
        b'xmlns:exif="http://ns.adobe.com/exif/1.0/"/></rdf:RDF></x:xmpmeta>'
    )
    return encode(
        picture(),
        "JPEG",
        exif=exif.tobytes(),
        xmp=xmp,
        icc_profile=srgb_profile(),
    )


def rotated_jpeg():
    """200×100 pixels, red left half, tagged 'rotate 90° clockwise to display'."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    return encode(picture((200, 100), "red"), "JPEG", exif=exif.tobytes())


def png_header(width, height):
    """A PNG that declares `width`×`height` pixels in a few dozen bytes."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


def gif_with_script():
    return encode(picture((50, 50)), "GIF") + b"<script>alert(document.cookie)</script>"


def truncated(data):
    return data[: len(data) // 2]


def pdf():
    return encode(picture(), "PDF")


def eps():
    return encode(picture(), "EPS")


def tiff():
    return encode(picture(), "TIFF")


def psd():
    """A Photoshop header: signature, version 1, 3 channels, 300×400, 8 bits, RGB."""
    return (
        b"8BPS"
        + struct.pack(">H6xHIIHH", 1, 3, 300, 400, 8, 3)
        + struct.pack(">III", 0, 0, 0)
        + b"\x00\x00"
        + b"\x00" * 64
    )


def svg():
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        b"<script>alert(1)</script><rect width='100' height='100'/></svg>"
    )
