"""Uploaded photos are checked before decoding and stored only as clean re-encoded copies."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import images
from articles.models import Photo
from articles.photos import photo_save
from tests.factories import make_article

pytestmark = pytest.mark.django_db

GPS_TAG = 0x8825
MAKE_TAG = 0x010F
ORIENTATION_TAG = 0x0112


def jpeg_bytes(size=(600, 300), *, exif=None, comment=b"") -> bytes:
    buffer = BytesIO()
    options = {"exif": exif} if exif is not None else {}
    if comment:
        options["comment"] = comment
    Image.new("RGB", size, (10, 120, 200)).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def camera_exif(orientation=1) -> Image.Exif:
    exif = Image.Exif()
    exif[MAKE_TAG] = "SpyCam"
    exif[ORIENTATION_TAG] = orientation
    exif.get_ifd(GPS_TAG).update({1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 29.0, 0.0)})
    return exif


def upload(content: bytes, name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def save_photo(content: bytes, name="photo.jpg") -> Photo:
    file = upload(content, name)
    images.validate_image_file(file)
    return photo_save(photo=Photo(article=make_article(), image=file))


def stored_bytes(photo: Photo) -> bytes:
    with photo.image.open("rb") as stored:
        return stored.read()


def test_stored_original_has_no_gps_or_camera_and_is_upright():
    photo = save_photo(jpeg_bytes((600, 300), exif=camera_exif(orientation=6).tobytes()))
    data = stored_bytes(photo)
    assert b"SpyCam" not in data
    with Image.open(BytesIO(data)) as stored:
        exif = stored.getexif()
        assert MAKE_TAG not in exif and not exif.get_ifd(GPS_TAG)
        # Orientation 6 means "rotate 90°": the stored pixels are portrait now.
        assert stored.size == (300, 600)
    assert (photo.width, photo.height) == (300, 600)


def test_renditions_apply_the_exif_orientation(tmp_path):
    from django.core.files.storage import default_storage

    name = default_storage.save(
        "raw/turned.jpg", upload(jpeg_bytes((2000, 1000), exif=camera_exif(6).tobytes()))
    )
    renditions = images.make_renditions(name)
    with default_storage.open(renditions["480"]) as file, Image.open(file) as rendition:
        assert rendition.size == (480, 960)


def test_script_comment_and_trailing_html_are_dropped():
    polyglot = jpeg_bytes(comment=b"<script>alert(1)</script>") + b"<html><script>alert(2)</script>"
    data = stored_bytes(save_photo(polyglot))
    assert b"<script>" not in data and b"<html>" not in data


def test_path_like_upload_names_are_replaced_by_generated_names():
    photo = save_photo(jpeg_bytes(), name="../../x.php.jpg")
    stored = photo.image.name.rsplit("/", 1)[-1]
    assert photo.image.name.startswith("photos/")
    assert "x.php" not in photo.image.name and ".." not in photo.image.name
    assert len(stored) == len("0" * 32 + ".jpg")


def test_other_formats_renamed_to_jpg_are_refused_before_decoding(monkeypatch):
    from PIL import GifImagePlugin

    buffer = BytesIO()
    Image.new("RGB", (50, 50)).save(buffer, "GIF")
    parsed = []
    original_open = GifImagePlugin.GifImageFile._open
    monkeypatch.setattr(
        GifImagePlugin.GifImageFile, "_open", lambda self: parsed.append(1) or original_open(self)
    )
    with pytest.raises(ValidationError) as error:
        images.validate_image_file(upload(buffer.getvalue()))
    assert "JPEG、PNG 或 WebP" in error.value.messages[0]
    assert parsed == []  # The GIF parser never ran.


def test_pixel_bombs_get_their_own_message(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 100 * 100)
    with pytest.raises(ValidationError) as error:
        images.validate_image_file(upload(jpeg_bytes((200, 200))))
    assert "像素" in error.value.messages[0]


def test_files_over_10_mb_get_their_own_message():
    big = upload(jpeg_bytes() + b"\0" * (11 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        images.validate_image_file(big)
    assert "10 MB" in error.value.messages[0]


def test_saving_a_photo_again_keeps_its_file():
    photo = save_photo(jpeg_bytes())
    name = photo.image.name
    photo.caption = "改过的说明"
    photo_save(photo=Photo.objects.get(pk=photo.pk))
    assert Photo.objects.get(pk=photo.pk).image.name == name
