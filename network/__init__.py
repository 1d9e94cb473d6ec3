"""Talking to servers kiosque does not trust: `guard.py`."""
