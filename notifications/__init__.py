"""Mail: composed from templates/email, stored in the outbox, sent by the mail worker."""
