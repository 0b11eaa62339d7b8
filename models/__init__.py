"""Persistence: SQLAlchemy models, one concept per module."""

from models.applications import Application, ApplicationStatus, GuaranteeRequest
from models.audit import AuditEntry
from models.contracts import (
    BranchSerial,
    CertificateVersion,
    ContractStatus,
    GuaranteeContract,
    Shipping,
)
from models.fees import FeeRateEntry
from models.organisations import Branch, Contractor, Orderer, SuretyCompany
from models.outbox import MailState, OutboxMail
from models.users import Role, User

__all__ = [
    "Application",
    "ApplicationStatus",
    "AuditEntry",
    "Branch",
    "BranchSerial",
    "CertificateVersion",
    "ContractStatus",
    "Contractor",
    "FeeRateEntry",
    "GuaranteeContract",
    "GuaranteeRequest",
    "MailState",
    "Orderer",
    "OutboxMail",
    "Role",
    "Shipping",
    "SuretyCompany",
    "User",
]
