"""The engine-independent core: paths and strings in, data and Markdown/HTML strings out."""
