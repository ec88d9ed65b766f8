"""The curation assistant: from a new document to draft rows for ``data/raw/curated/``.

:mod:`.read` reads a document (UTF-8 or GB18030 text), :mod:`.coverage` says which printed
numbers are figures and which are already curated or excluded, :mod:`.suggest` writes the
draft.
"""
