"""Networking Coach."""
