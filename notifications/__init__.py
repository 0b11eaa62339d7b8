"""Mail: composed from templates/email, stored in the outbox, sent after the commit."""
