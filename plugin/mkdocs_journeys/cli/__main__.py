"""`python -m mkdocs_journeys.cli ...` runs the `journeys` command."""

from . import main

if __name__ == "__main__":
    raise SystemExit(main())
