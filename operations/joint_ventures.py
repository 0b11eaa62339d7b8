"""Registering a 共同企業体 (JV) with its representative, members and shares."""

from decimal import Decimal

from sqlalchemy import func, select

from domain.joint_ventures import check_shares
from extensions import db
from models import Contractor, JointVenture, JointVentureMember, User
from operations.audit import record
from operations.errors import DomainError

#: The form's key for a problem with the members as a whole.
MEMBERS_KEY = "shares"


def register_joint_venture(
    actor: User, name: str, members: list[tuple[int, Decimal]]
) -> JointVenture:
    """Register a JV; `members` are (contractor id, share in %), the representative first."""
    name = name.strip()
    problems = {}
    if db.session.scalar(
        select(JointVenture.id).where(func.lower(JointVenture.name) == name.lower())
    ):
        problems["name"] = f"「{name}」は既に登録されています。"
    contractors = [db.session.get(Contractor, contractor_id) for contractor_id, _ in members]
    if any(contractor is None for contractor in contractors):
        problems[MEMBERS_KEY] = "構成員を選び直してください。"
    elif problem := check_shares([share for _, share in members], [c for c, _ in members]):
        problems[MEMBERS_KEY] = problem
    if problems:
        raise DomainError(
            "共同企業体を登録できませんでした。各項目のメッセージをご確認ください。", problems
        )
    joint_venture = JointVenture(name=name, representative=contractors[0])
    for position, (contractor, (_, share)) in enumerate(zip(contractors, members, strict=True)):
        joint_venture.members.append(
            JointVentureMember(contractor=contractor, position=position, share=share)
        )
    db.session.add(joint_venture)
    lines = [f"名称: {name}"] + [
        f"{'代表者' if position == 0 else '構成員'}: {contractor.name}（{share.normalize():f}%）"
        for position, (contractor, (_, share)) in enumerate(zip(contractors, members, strict=True))
    ]
    record(actor, "joint_venture.added", joint_venture, "\n".join(lines))
    return joint_venture
