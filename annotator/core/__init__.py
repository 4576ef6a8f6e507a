"""Qt-free, SQL-free domain: canonical text, offsets, Arabic folding, alias matching, stance model."""
