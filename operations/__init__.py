"""Named state changes: the only writers of domain state. None of them commits."""
