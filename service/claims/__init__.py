"""Checking any text about the events: statements found, read and judged."""
