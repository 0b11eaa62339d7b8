"""Pure rules of handing a 電子保証 to its orderer: the mail subject format, the 担当課 list."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

#: The placeholders an orderer's subject format may use, in the order the form lists them.
SUBJECT_PLACEHOLDERS = ("工事名", "保証契約番号", "受注者", "保証種類", "発注者")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
MAX_DEPARTMENTS = 50
MAX_DEPARTMENT_LENGTH = 50


@dataclass(frozen=True)
class SubmissionDetails:
    """What an orderer tells contractors about handing the 電子保証 over, as plain values."""

    email: str = ""
    subject: str = ""
    attachments: str = ""
    notes: str = ""
    notification_email: str = ""
    in_service: bool = False
    departments: list[str] = field(default_factory=list)


def check_submission_details(details: SubmissionDetails) -> dict[str, str]:
    """A Japanese message per form field that breaks a rule (empty when all is well)."""
    problems = {}
    if message := subject_problem(details.subject):
        problems["submission_subject"] = message
    if message := departments_problem(details.departments):
        problems["departments"] = message
    return problems


def subject_problem(subject_format: str) -> str | None:
    """A Japanese message when the format names a placeholder we cannot fill; else None."""
    unknown = [name for name in _PLACEHOLDER.findall(subject_format)
               if name not in SUBJECT_PLACEHOLDERS]  # fmt: skip
    if not unknown:
        return None
    named = "、".join(dict.fromkeys(f"{{{name}}}" for name in unknown))
    usable = " ".join(f"{{{name}}}" for name in SUBJECT_PLACEHOLDERS)
    return f"使えない差し込み項目があります：{named}。使えるのは {usable} です。"


def fill_subject(subject_format: str, values: Mapping[str, str]) -> str:
    """The subject with each known placeholder replaced by its value."""
    return _PLACEHOLDER.sub(
        lambda match: values.get(match.group(1), match.group(0)), subject_format
    )


def department_lines(text: str) -> list[str]:
    """The 担当課 as typed one per line: trimmed, blank lines and repeats left out."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def departments_problem(departments: list[str]) -> str | None:
    """A Japanese message when the 担当課 list is too long or a name too long; else None."""
    if len(departments) > MAX_DEPARTMENTS:
        return f"担当課は{MAX_DEPARTMENTS}件までにしてください。"
    long = [name for name in departments if len(name) > MAX_DEPARTMENT_LENGTH]
    if long:
        return f"担当課の名称は{MAX_DEPARTMENT_LENGTH}文字以内にしてください（{long[0][:20]}…）。"
    return None
