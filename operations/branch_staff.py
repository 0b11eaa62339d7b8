"""Staff of a branch (支店・営業部の職員): head office adds them and disables them."""

from dataclasses import replace

from models import Branch, OutboxMail, User
from operations.accounts import NewAccount, add_user, set_user_active
from operations.errors import DomainError

_HEAD_OFFICE_ONLY = "支店の職員の管理は本店営業部の職員だけが行えます。"


def add_branch_staff(
    actor: User, branch: Branch, account: NewAccount
) -> tuple[User, OutboxMail | None]:
    """A member of staff of `branch`, who sets a password through the mailed link."""
    if not actor.is_head_office:
        raise DomainError(_HEAD_OFFICE_ONLY)
    return add_user(actor, branch, replace(account, admin=False))


def set_branch_staff_active(actor: User, staff: User, active: bool) -> None:
    """Disable a member of branch staff (their sessions end) or enable them again; never
    oneself."""
    if not actor.is_head_office:
        raise DomainError(_HEAD_OFFICE_ONLY)
    if staff.branch_id is None:
        raise DomainError("支店の職員ではありません。")
    set_user_active(actor, staff, active)
