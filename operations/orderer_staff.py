"""An orderer's staff: its 発注者管理者 (or head office for it) add, disable and re-enable
clerks and grant or revoke 発注者管理者; an orderer with an active admin always keeps one."""

from sqlalchemy import func, select

from extensions import db
from models import Orderer, OutboxMail, Role, User
from operations.accounts import NewAccount, add_user, set_user_active
from operations.audit import record
from operations.errors import DomainError
from operations.locks import locked

#: What a grant (True) or revoke (False) did, for the page that reports it.
ADMIN_CHANGED = {True: "発注者管理者にしました", False: "発注者管理者から外しました"}
LAST_ADMIN = "最後の発注者管理者です。先に別の職員を発注者管理者にしてください。"


def add_orderer_user(
    actor: User, orderer: Orderer, account: NewAccount
) -> tuple[User, OutboxMail | None]:
    """A clerk (or 発注者管理者) of `orderer`, who sets a password through the mailed link."""
    check_orderer_admin(actor, orderer)
    return add_user(actor, orderer, account)


def set_orderer_user_active(actor: User, clerk: User, active: bool) -> None:
    """Disable a clerk (their sessions end) or enable them again; never oneself, never the
    orderer's last active 発注者管理者."""
    check_orderer_admin(actor, clerk.orderer)
    leaving = not active and clerk.is_active and clerk.is_orderer_admin
    if leaving and clerk.id != actor.id:  # oneself: set_user_active refuses
        _keep_an_admin(clerk)
    set_user_active(actor, clerk, active)


def set_orderer_admin(actor: User, clerk: User, admin: bool) -> None:
    """Grant or revoke 発注者管理者; an orderer's admin cannot revoke their own."""
    check_orderer_admin(actor, clerk.orderer)
    if clerk.id == actor.id:
        raise DomainError(
            "ご自身の発注者管理者は外せません。ほかの発注者管理者に依頼してください。"
        )
    if clerk.is_orderer_admin == admin:
        return
    if not admin and clerk.is_active:
        _keep_an_admin(clerk)
    clerk.is_orderer_admin = admin
    record(
        actor,
        "user.admin_granted" if admin else "user.admin_revoked",
        clerk,
        f"発注者管理者: {'いいえ → はい' if admin else 'はい → いいえ'}",
    )


def set_orderer_active(actor: User, orderer: Orderer, active: bool) -> None:
    """Head office disables an orderer (its clerks can no longer log in, and their sessions
    end) or enables it again; its certificates, checks and history stay as they are."""
    if not actor.is_head_office:
        raise DomainError("発注者の無効化は本店営業部の職員だけが行えます。")
    orderer = locked(Orderer, orderer.id)
    if orderer.is_active == active:
        return
    orderer.is_active = active
    if not active:
        for clerk in db.session.scalars(select(User).where(User.orderer_id == orderer.id)):
            clerk.end_sessions()
    record(
        actor,
        "orderer.enabled" if active else "orderer.disabled",
        orderer,
        f"有効: {'いいえ → はい' if active else 'はい → いいえ'}",
    )


def check_orderer_admin(actor: User, orderer: Orderer) -> None:
    """Head office, or an active 発注者管理者 of `orderer` as of now: the orderer's row is
    locked until the commit, so two admins acting at once are settled one after the other."""
    locked(Orderer, orderer.id)
    if actor.is_head_office:
        return
    db.session.refresh(actor)
    if not (
        actor.role is Role.VERIFIER
        and actor.orderer_id == orderer.id
        and actor.is_active
        and actor.is_orderer_admin
    ):
        raise DomainError("職員の管理は、この発注者の発注者管理者だけが行えます。")


def _keep_an_admin(leaving: User) -> None:
    """Refuse when `leaving` is the orderer's only active 発注者管理者."""
    others = db.session.scalar(
        select(func.count())
        .select_from(User)
        .where(
            User.orderer_id == leaving.orderer_id,
            User.id != leaving.id,
            User.is_orderer_admin.is_(True),
            User.is_active.is_(True),
        )
    )
    if not others:
        raise DomainError(LAST_ADMIN)
