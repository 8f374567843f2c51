"""The local store: SQLite through sqlite-utils. The only layer that speaks SQL."""
