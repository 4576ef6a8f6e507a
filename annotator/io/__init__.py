"""Readers and writers that work on streams and iterables. No Qt here."""
