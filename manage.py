#!/usr/bin/env python
"""Same as the `cspboard` console command installed in .venv/bin."""

from cspboard.manage import main

if __name__ == "__main__":
    main()
