"""Saving photos: the file, then its downscaled renditions for `srcset`."""

from django.db import transaction

from .images import make_renditions, reencode_image
from .models import Photo


@transaction.atomic
def photo_save(*, photo: Photo) -> Photo:
    """Save a photo and (re)make its renditions when its image file is new or replaced."""
    image_changed = photo.pk is None or (
        Photo.objects.filter(pk=photo.pk).values_list("image", flat=True).first()
        != photo.image.name
    )
    if image_changed and photo.image and not photo.image._committed:
        # A fresh upload: store a re-encoded copy under a generated name, never the original.
        photo.image = reencode_image(photo.image)
    photo.save()
    if image_changed or not photo.renditions:
        photo.renditions = make_renditions(photo.image.name)
        photo.save(update_fields=["renditions"])
    return photo
