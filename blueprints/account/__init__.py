"""A user's own account: password change, reset through a one-time link, 利用申込."""
