"""Every article write, one door each: the admin, the loader, history and views call these.

- `workflow`: submit, send back, publish, withdraw, an editor's save, the lost-update check;
- `credits`: bylines and mentions;
- `revisions`: the version bump and the django-reversion revision every write records, revert;
- `sources`: page versions and the loader's writes;
- `proofreading`: the 已校对 mark a loaded OCR article needs before it can be published;
- `comments`: the editorial comment thread;
- `presence`: who has a change form open (heartbeats) and taking an article over;
- `drafts`: a new draft from the write API;
- `access`: who may edit, publish, set embargoes, proofread and read the comments;
- `autosave`: the change form's unsaved text, kept per user and article, never over it.
"""

from .access import can_edit, can_proofread, can_publish, can_see_comments, can_set_embargo
from .autosave import (
    AUTOSAVE_FIELDS,
    MAX_AUTOSAVE_CHARS,
    AutosaveError,
    AutosaveTooLargeError,
    article_autosave_discard,
    article_autosave_saved,
    article_autosave_store,
    clean_autosave_fields,
)
from .comments import article_comment_add, clean_comment_text
from .credits import (
    BylineSpec,
    article_add_byline,
    article_restore_credits,
    article_set_bylines,
    article_set_mentions,
    reporter_get_or_create,
)
from .drafts import article_create_draft
from .presence import (
    Presence,
    article_presence,
    article_take_over,
    can_take_over,
    heartbeat_seconds,
    presence_beat,
    presence_lapse,
)
from .proofreading import article_mark_proofread
from .revisions import (
    RevertOutcome,
    article_record,
    article_record_baseline,
    article_revert,
)
from .sources import (
    article_add_mentions,
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
    SENDABLE_BACK,
    SUBMITTABLE,
    WITHDRAWABLE,
    StaleArticleError,
    WorkflowError,
    article_check_embargo_change,
    article_check_version,
    article_edit_done,
    article_expire,
    article_publish,
    article_save_edit,
    article_save_rows,
    article_send_back,
    article_submit,
    article_withdraw,
    articles_expire_due,
)

__all__ = [
    "AUTOSAVE_FIELDS",
    "MAX_AUTOSAVE_CHARS",
    "AutosaveError",
    "AutosaveTooLargeError",
    "article_autosave_discard",
    "article_autosave_saved",
    "article_autosave_store",
    "clean_autosave_fields",
    "PUBLISHABLE",
    "SENDABLE_BACK",
    "SUBMITTABLE",
    "WITHDRAWABLE",
    "BylineSpec",
    "Presence",
    "RevertOutcome",
    "StaleArticleError",
    "WorkflowError",
    "article_add_byline",
    "article_add_mentions",
    "article_check_embargo_change",
    "article_check_version",
    "article_comment_add",
    "article_create_draft",
    "article_edit_done",
    "article_expire",
    "article_load_done",
    "article_mark_proofread",
    "article_presence",
    "article_publish",
    "article_record",
    "article_record_baseline",
    "article_restore_credits",
    "article_revert",
    "article_save_edit",
    "article_save_loaded",
    "article_save_rows",
    "article_send_back",
    "article_set_bylines",
    "article_set_mentions",
    "article_submit",
    "article_take_over",
    "article_withdraw",
    "articles_expire_due",
    "can_edit",
    "can_proofread",
    "can_publish",
    "can_see_comments",
    "can_set_embargo",
    "can_take_over",
    "clean_comment_text",
    "heartbeat_seconds",
    "installment_get_or_create",
    "presence_beat",
    "presence_lapse",
    "print_publish_time",
    "program_get_or_create",
    "reporter_get_or_create",
    "source_version_add",
    "source_version_current",
]
