"""Reference data most pages show: districts, 街道/镇, programs, reporters, kept in the cache.

They change a few times a year, yet every list shows them (district chips, bylines) and the
search form offers them all, which cost a query each per page. The cached copy is dropped on
every save or delete of one (signals connected in apps.ready, again after the commit so a
request in between cannot keep the old rows) and otherwise kept REFERENCE_TIMEOUT (10 minutes).
A write that bypasses signals (``QuerySet.update``, ``bulk_create``) should call
``reference_changed``.
If the cache is down, the rows are read from the database.
"""

import logging
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from people.models import Reporter

from .models import District, Program, Subdistrict

logger = logging.getLogger(__name__)
_WARN_EVERY = 60.0  # seconds: an outage logs once a minute, not once a request
_last_warning = [-_WARN_EVERY]


def _warn(message: str) -> None:
    now = time.monotonic()
    if now - _last_warning[0] >= _WARN_EVERY:
        _last_warning[0] = now
        logger.warning(message, exc_info=True)


REFERENCE_KEY = "reference:v1"
REFERENCE_TIMEOUT = 600  # also bounds how long a change missed during a cache outage shows
MODELS = (District, Subdistrict, Program, Reporter)


@dataclass(frozen=True)
class Reference:
    """Every district, 街道/镇, program and reporter, each in its model's order, and by pk."""

    districts: tuple[District, ...]
    subdistricts: tuple[Subdistrict, ...]
    programs: tuple[Program, ...]
    reporters: tuple[Reporter, ...]

    def district_by_pk(self) -> dict[int, District]:
        return {d.pk: d for d in self.districts}

    def subdistrict_by_pk(self) -> dict[int, Subdistrict]:
        return {s.pk: s for s in self.subdistricts}

    def reporter_by_pk(self) -> dict[int, Reporter]:
        return {r.pk: r for r in self.reporters}


def _load() -> Reference:
    districts = tuple(District.objects.all())
    by_pk = {d.pk: d for d in districts}
    subdistricts = tuple(Subdistrict.objects.order_by("district__code", "code"))
    for subdistrict in subdistricts:  # their district, without a join or a query each
        subdistrict.district = by_pk[subdistrict.district_id]
    return Reference(
        districts=districts,
        subdistricts=subdistricts,
        programs=tuple(Program.objects.all()),
        reporters=tuple(Reporter.objects.all()),
    )


def reference() -> Reference:
    """The cached reference data (four queries on a miss, none on a hit)."""
    try:
        found = cache.get(REFERENCE_KEY)
    except Exception:  # an unreachable cache is a miss, never an outage
        _warn("Reference data cache unreachable; reading the database.")
        return _load()
    if found is None:
        found = _load()
        try:
            cache.set(REFERENCE_KEY, found, REFERENCE_TIMEOUT)
        except Exception:
            _warn("Reference data cache unreachable; not stored.")
    return found


def forget_cached_reference() -> None:
    """Drop the cached copy (the next read loads it again)."""
    try:
        cache.delete(REFERENCE_KEY)
    except Exception:
        _warn("Reference data cache unreachable; not cleared.")


def reference_changed() -> None:
    """Drop the cached copy now and once more after the current transaction commits."""
    forget_cached_reference()
    transaction.on_commit(forget_cached_reference)


def _on_change(sender, **kwargs):
    reference_changed()


def connect() -> None:
    for model in MODELS:
        uid = f"reference_{model.__name__}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}_delete")
