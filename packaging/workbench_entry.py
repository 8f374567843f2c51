"""The frozen application's entry point (packaging/workbench.spec): the same as `workbench`."""

import multiprocessing

from workbench.launcher import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless today; keeps any future worker process working
    raise SystemExit(main())
