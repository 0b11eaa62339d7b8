"""Mail an operation asks to send; the mail outbox (notifications/) sends it."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OutgoingMail:
    """One mail: its template under templates/email/, the recipient, the template's values."""

    template: str
    to: str
    context: dict = field(default_factory=dict)
