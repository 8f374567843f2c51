"""The command line: every use case of the services, scriptable."""
