"""Validation and re-encoding of uploaded images, and the renditions made for `srcset`."""

import uuid
from io import BytesIO
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # Refuse decompression bombs well before Pillow's own limit.
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (480, 960, 1600)


def _open(file):
    """Open with only the allowed parsers: Pillow never tries any other format's decoder."""
    file.seek(0)
    return Image.open(file, formats=ALLOWED_FORMATS)


def validate_image_file(file) -> None:
    """Accept only real JPEG/PNG/WebP images of sane size, whatever the file name claims."""
    if getattr(file, "_committed", False):
        # Already in storage: checked when it was uploaded, and its (closed) file never
        # changes; re-reading it on every later save of the article is what failed.
        return
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("图片文件过大：不能超过 10 MB。"))
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with _open(file) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("图片尺寸过大：像素总数不能超过 4000 万。"))
            image.verify()
    except Image.DecompressionBombError as exc:
        raise ValidationError(_("图片尺寸过大：像素总数不能超过 4000 万。")) from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(_("文件不是有效的 JPEG、PNG 或 WebP 图片。")) from exc
    finally:
        file.seek(position)


def reencode_image(file) -> ContentFile:
    """Decode a validated upload and write it afresh under a generated name.

    The orientation is applied to the pixels; EXIF (GPS, camera), comments and trailing bytes
    are dropped, so polyglots and script comments do not survive. Only an ICC profile is kept.
    """
    with _open(file) as image:
        image_format = image.format
        icc_profile = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
    upright.info = {}  # Pillow would otherwise write the comment and EXIF back out.
    if image_format == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format in ("JPEG", "WEBP"):
        options["quality"] = 90
    buffer = BytesIO()
    upright.save(buffer, image_format, **options)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{EXTENSIONS[image_format]}")


def make_renditions(image_name: str) -> dict[str, str]:
    """Write downscaled WebP copies of a stored image; return {width: storage name}."""
    with default_storage.open(image_name, "rb") as source, Image.open(source) as image:
        image.load()
        original = ImageOps.exif_transpose(image).convert("RGB")
    stem = PurePosixPath(image_name)
    renditions = {}
    for width in RENDITION_WIDTHS:
        if width >= original.width:
            continue
        height = round(original.height * width / original.width)
        copy = original.resize((width, height), Image.Resampling.LANCZOS)
        buffer = BytesIO()
        copy.save(buffer, "WEBP", quality=82)
        name = f"renditions/{stem.parent}/{stem.stem}-{width}w.webp"
        if default_storage.exists(name):
            default_storage.delete(name)
        renditions[str(width)] = default_storage.save(name, ContentFile(buffer.getvalue()))
    return renditions
