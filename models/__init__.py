"""Persistence: SQLAlchemy models, one concept per module."""

from models import sqlite  # noqa: F401  (registers the SQLite connection settings)
from models.account_requests import AccountRequest, RequestStatus
from models.advance import (
    AdvanceDeposit,
    UseStatement,
    UseStatementStatus,
    Withdrawal,
    WithdrawalStatus,
)
from models.api_tokens import ApiToken
from models.applications import Application, ApplicationStatus, GuaranteeRequest
from models.audit import AuditEntry
from models.bulk_checks import BulkCheck
from models.check_records import CheckRecord
from models.confirmations import VersionConfirmation
from models.contracts import (
    BranchSerial,
    CertificateVersion,
    ContractStatus,
    GuaranteeContract,
    Shipping,
    ShownVersion,
)
from models.daily_jobs import DailyJobRun
from models.documents import StoredDocument
from models.fees import FeeRateEntry, ReservationFeeTable
from models.joint_ventures import JointVenture, JointVentureMember
from models.links import LinkPurpose, OneTimeLink
from models.lookups import LookupAttempt, LookupOutcome
from models.notices import CoverageWatch, NoticeOptOut, OrdererNotice
from models.organisations import Branch, Contractor, Orderer, SuretyCompany
from models.outbox import MailState, OutboxMail
from models.reservations import Reservation, ReservationSerial
from models.seals import DailySeal
from models.sessions import UserSession
from models.submissions import Submission, SubmissionState
from models.users import Role, User

__all__ = [
    "AccountRequest",
    "AdvanceDeposit",
    "ApiToken",
    "Application",
    "ApplicationStatus",
    "AuditEntry",
    "Branch",
    "BranchSerial",
    "BulkCheck",
    "CertificateVersion",
    "CheckRecord",
    "ContractStatus",
    "Contractor",
    "CoverageWatch",
    "DailyJobRun",
    "DailySeal",
    "FeeRateEntry",
    "GuaranteeContract",
    "GuaranteeRequest",
    "JointVenture",
    "JointVentureMember",
    "LinkPurpose",
    "LookupAttempt",
    "LookupOutcome",
    "MailState",
    "NoticeOptOut",
    "OneTimeLink",
    "Orderer",
    "OrdererNotice",
    "OutboxMail",
    "RequestStatus",
    "Reservation",
    "ReservationFeeTable",
    "ReservationSerial",
    "Role",
    "Shipping",
    "ShownVersion",
    "StoredDocument",
    "Submission",
    "SubmissionState",
    "SuretyCompany",
    "UseStatement",
    "UseStatementStatus",
    "User",
    "UserSession",
    "VersionConfirmation",
    "Withdrawal",
    "WithdrawalStatus",
]
