"""mkdocs-journeys: customer journey playbooks as docs-as-code.

The `core` package holds the journey model, loading, validation and rendering and never imports
MkDocs; `plugin` (MkDocs) and `cli` (the `journeys` command) are thin adapters over it.
"""

__version__ = "0.1.0"
