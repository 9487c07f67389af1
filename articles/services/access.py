"""Who may change and publish an article: the one rule the admin, views and services share."""

from ..models import Article


def can_publish(user) -> bool:
    """Editors and superusers publish and withdraw; reporters never do."""
    return user is not None and user.is_active and user.has_perm("articles.publish_article")


def can_set_embargo(user) -> bool:
    """Setting, moving or clearing an embargo is a publishing decision: editors only."""
    return can_publish(user)


def can_proofread(user) -> bool:
    """Who may give a loaded OCR article its 已校对 mark (the editors' group, by migration)."""
    return user is not None and user.is_active and user.has_perm("articles.proofread_article")


def can_edit(user, article: Article) -> bool:
    """Whether a user may change this article's content (the same rule the admin enforces)."""
    if user is None or not user.is_active or not user.is_staff:
        return False
    if article.pk is None:
        return user.has_perm("articles.add_article")
    if not user.has_perm("articles.change_article"):
        return False
    return Article.objects.editable_by(user).filter(pk=article.pk).exists()


def can_see_comments(user, article: Article) -> bool:
    """Editorial comments are for the desk and the story's own reporters, never anyone else."""
    if user is None or not user.is_active or not user.is_staff or article.pk is None:
        return False
    if user.is_superuser or can_publish(user):
        return True
    return Article.objects.owned_by(user).filter(pk=article.pk).exists()
