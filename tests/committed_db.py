"""Tests whose rows must really be committed (a worker process, VACUUM): one mark for them all.

After a transactional test Django flushes the tables. A plain flush then re-runs post_migrate,
which re-creates content types with new ids that a later serialized-rollback test cannot load
over; so every committing module uses serialized rollback, and when the module ends the
migrations' rows (groups, content types) are put back for the tests that follow.
"""

import pytest

COMMITTED = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migration_data_restored_after_module"),
]
