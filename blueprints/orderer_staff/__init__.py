"""An orderer's own administration (/verifier/staff): its 発注者管理者 manage its clerks."""
