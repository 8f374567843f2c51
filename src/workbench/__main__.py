"""`python -m workbench`: the GUI with no command, the command line otherwise."""

from workbench.launcher import main

raise SystemExit(main())
