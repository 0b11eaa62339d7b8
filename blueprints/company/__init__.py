"""A contractor's own administration (/company): its 会社管理者 adds and disables its users."""
