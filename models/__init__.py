"""Persistence: SQLAlchemy models, one concept per module."""

from models import sqlite  # noqa: F401  (registers the SQLite connection settings)
from models.account_requests import AccountRequest, RequestStatus
from models.applications import Application, ApplicationStatus, GuaranteeRequest
from models.audit import AuditEntry
from models.joint_ventures import JointVenture, JointVentureMember
from models.links import LinkPurpose, OneTimeLink
from models.organisations import Branch, Contractor, Orderer, SuretyCompany
from models.users import Role, User

__all__ = [
    "AccountRequest",
    "Application",
    "ApplicationStatus",
    "AuditEntry",
    "Branch",
    "Contractor",
    "GuaranteeRequest",
    "JointVenture",
    "JointVentureMember",
    "LinkPurpose",
    "OneTimeLink",
    "Orderer",
    "RequestStatus",
    "Role",
    "SuretyCompany",
    "User",
]
