"""Saving photos: the file, then its downscaled renditions for `srcset`."""

from django.db import transaction

from .images import make_renditions
from .models import Photo


@transaction.atomic
def photo_save(*, photo: Photo) -> Photo:
    """Save a photo and (re)make its renditions when its image file is new or replaced."""
    image_changed = photo.pk is None or (
        Photo.objects.filter(pk=photo.pk).values_list("image", flat=True).first()
        != photo.image.name
    )
    photo.save()
    if image_changed or not photo.renditions:
        photo.renditions = make_renditions(photo.image.name)
        photo.save(update_fields=["renditions"])
    return photo
