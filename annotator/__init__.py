"""annotator: stance-toward-actor annotation of Arabic news, stored in one SQLite file per project."""

__version__ = "0.1.0"
