"""Saving photos: the file now, its downscaled renditions for `srcset` in a background task.

Until the task has run a photo's `renditions` is empty and pages offer only the original
(`photo_srcset`), so a reader never meets a missing file.
"""

from django.db import transaction

from .images import RENDITION_WIDTHS, make_renditions, reencode_image
from .models import Photo
from .tasks import make_photo_renditions


@transaction.atomic
def photo_save(*, photo: Photo) -> Photo:
    """Save a photo; queue (re)making its renditions when its image file is new or replaced."""
    image_changed = photo.pk is None or (
        Photo.objects.filter(pk=photo.pk).values_list("image", flat=True).first()
        != photo.image.name
    )
    if image_changed and photo.image and not photo.image._committed:
        # A fresh upload: store a re-encoded copy under a generated name, never the original.
        photo.image = reencode_image(photo.image)
    if image_changed:
        photo.renditions = {}  # the old image's renditions; the new ones are queued below
    photo.save()
    # A photo narrower than the smallest rendition has none, and needs no task to find that out.
    if not photo.renditions and photo.image and (photo.width or 0) > min(RENDITION_WIDTHS):
        # Enqueued in this transaction: the database backend's row commits (or rolls back) with
        # the photo, so a worker never looks for a photo that is not there yet.
        make_photo_renditions.enqueue(photo.pk, photo.image.name)
    return photo


def photo_make_renditions(*, photo_id: int, image_name: str) -> int:
    """Make the renditions of this photo's image; how many were made (0 if it has changed)."""
    if not Photo.objects.filter(pk=photo_id, image=image_name).exists():
        return 0  # deleted, or given another image whose own task makes its renditions
    renditions = make_renditions(image_name)
    # Only if the image is still the same: an editor may have replaced it meanwhile.
    Photo.objects.filter(pk=photo_id, image=image_name).update(renditions=renditions)
    return len(renditions)
