"""Web: the live dashboard (built in a later issue)."""
