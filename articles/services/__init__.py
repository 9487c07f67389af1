"""Every article write, one door each: the admin, the loader, history and views call these.

- `workflow`: submit, publish, withdraw, an editor's save, the lost-update check;
- `credits`: bylines and mentions;
- `revisions`: the version bump and the django-reversion revision every write records, revert;
- `sources`: page versions and the loader's writes;
- `drafts`: a new draft from the write API;
- `access`: who may edit and publish.
"""

from .access import can_edit, can_publish
from .credits import (
    BylineSpec,
    article_add_byline,
    article_restore_credits,
    article_set_bylines,
    article_set_mentions,
    reporter_get_or_create,
)
from .drafts import article_create_draft
from .revisions import (
    RevertOutcome,
    article_record,
    article_record_baseline,
    article_revert,
)
from .sources import (
    article_load_done,
    article_save_loaded,
    installment_get_or_create,
    print_publish_time,
    program_get_or_create,
    source_version_add,
    source_version_current,
)
from .workflow import (
    PUBLISHABLE,
    SUBMITTABLE,
    WITHDRAWABLE,
    StaleArticleError,
    WorkflowError,
    article_check_version,
    article_edit_done,
    article_publish,
    article_save_edit,
    article_save_rows,
    article_submit,
    article_withdraw,
)

__all__ = [
    "PUBLISHABLE",
    "SUBMITTABLE",
    "WITHDRAWABLE",
    "BylineSpec",
    "RevertOutcome",
    "StaleArticleError",
    "WorkflowError",
    "article_add_byline",
    "article_check_version",
    "article_create_draft",
    "article_edit_done",
    "article_load_done",
    "article_publish",
    "article_record",
    "article_record_baseline",
    "article_restore_credits",
    "article_revert",
    "article_save_edit",
    "article_save_loaded",
    "article_save_rows",
    "article_set_bylines",
    "article_set_mentions",
    "article_submit",
    "article_withdraw",
    "can_edit",
    "can_publish",
    "installment_get_or_create",
    "print_publish_time",
    "program_get_or_create",
    "reporter_get_or_create",
    "source_version_add",
    "source_version_current",
]
