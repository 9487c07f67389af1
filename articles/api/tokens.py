"""Write-API tokens: issuing, revoking, and the bearer check with its per-token rate limit.

A token is `nr_` and 32 random bytes; the database keeps its SHA-256 (see `ApiToken`). Each
refusal says what is wrong: no or unknown token, a revoked one, a disabled account.
"""

import hashlib
import secrets

from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

from ..models import ApiToken

TOKEN_PREFIX = "nr_"  # noqa: S105 - a marker that makes tokens recognisable, no secret.  # nosec B105
WRITE_RATE = "60/m"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for the user: the saved row, and the token itself (shown only this once)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    api_token = ApiToken.objects.create(
        user=user, name=name, prefix=token[:10], key_hash=token_digest(token)
    )
    return api_token, token


def revoke_tokens(queryset) -> int:
    """Revoke these tokens now (already revoked ones keep their time)."""
    return queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


class TokenAuth(HttpBearer):
    """`Authorization: Bearer nr_…`; the request then acts as the token's user."""

    def authenticate(self, request, token):
        api_token = (
            ApiToken.objects.select_related("user").filter(key_hash=token_digest(token)).first()
        )
        if api_token is None:
            return None
        if api_token.is_revoked:
            raise HttpError(401, "令牌已撤销，请向编辑部申请新的令牌。")
        if not api_token.user.is_active:
            raise HttpError(401, "令牌所属账号已停用。")
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        return api_token


class TokenRateThrottle(AuthRateThrottle):
    """At most WRITE_RATE requests per token (per address before a token is known)."""

    scope = "api-token"

    def get_cache_key(self, request) -> str:
        api_token = getattr(request, "auth", None)
        ident = f"token-{api_token.pk}" if api_token is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
