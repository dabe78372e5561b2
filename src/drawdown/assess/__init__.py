"""Assess: site status, force remaining, pace and claim consistency (built in the Assess issue)."""
