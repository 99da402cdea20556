"""Rendering: journey data to Mermaid sources, HTML blocks and page Markdown."""
