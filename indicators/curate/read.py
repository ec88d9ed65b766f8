"""Reading a new document: the text it prints, whatever form it comes in.

Text files are read as UTF-8, else as GB18030 (a superset of GBK and GB2312, the encodings
Chinese government sites still serve); anything else gets one line saying what to do.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..exceptions import DocumentError

#: encodings tried in turn; GB18030 decodes every GBK / GB2312 file
ENCODINGS = ("utf-8-sig", "gb18030")


def read_text(path: str | os.PathLike) -> str:
    """The text of the document at *path*.

    Raises
    ------
    DocumentError
        If the file does not exist, cannot be opened, is empty, or is neither UTF-8 nor
        GB18030 text.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(f"{path}: cannot read it ({err.strerror}); check the path and that "
                            "the file is readable") from None
    if b"\x00" in data[:4096]:
        raise DocumentError(f"{path}: not a text file (it holds NUL bytes); give a UTF-8 or "
                            "GB18030 text file") from None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text.strip():
            raise DocumentError(f"{path}: the file is empty; give the document's text")
        return text
    raise DocumentError(f"{path}: neither UTF-8 nor GB18030 text; convert it to UTF-8 "
                        "(e.g. `iconv -f ENCODING -t UTF-8`) and run suggest again")
