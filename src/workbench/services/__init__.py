"""The use cases. The GUI and the CLI both call these; each edit is one committed transaction."""
