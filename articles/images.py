"""Validation of uploaded images and the renditions made for `srcset`."""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # Refuse decompression bombs well before Pillow's own limit.
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
RENDITION_WIDTHS = (480, 960, 1600)


def validate_image_file(file) -> None:
    """Accept only real JPEG/PNG/WebP images of sane size, whatever the file name claims."""
    if getattr(file, "_committed", False):
        # Already in storage: checked when it was uploaded, and its (closed) file never
        # changes; re-reading it on every later save of the article is what failed.
        return
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("图片不能超过 10 MB。"))
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(_("只接受 JPEG、PNG 或 WebP 图片。"))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("图片像素过多。"))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("文件不是有效的图片。")) from exc
    finally:
        file.seek(position)


def make_renditions(image_name: str) -> dict[str, str]:
    """Write downscaled WebP copies of a stored image; return {width: storage name}."""
    with default_storage.open(image_name, "rb") as source, Image.open(source) as image:
        image.load()
        original = image.convert("RGB")
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
