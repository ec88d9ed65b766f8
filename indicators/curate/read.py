"""Reading a new document: the text it prints, whatever form it comes in.

Text files are read as UTF-8, else as GB18030 (a superset of GBK and GB2312, the encodings
Chinese government sites still serve). An HTML page is reduced to its article by
trafilatura (navigation, comments and footer removed); a PDF's text layer is read by pypdf.
Anything else gets one line saying what to do.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import DocumentError

#: encodings tried in turn; GB18030 decodes every GBK / GB2312 file
ENCODINGS = ("utf-8-sig", "gb18030")
#: file endings read as an HTML page, and as a PDF
HTML = (".html", ".htm", ".shtml")
PDF = (".pdf",)


@dataclass(frozen=True)
class Document:
    """A document as read: its text, and what its page says about it (empty when unknown)."""

    text: str
    #: False for plain text; True when the text was extracted (HTML, PDF) and is worth saving
    extracted: bool = False
    title: str = ""
    date: str = ""
    publisher: str = ""


def read_document(path: str | os.PathLike) -> Document:
    """The document at *path*: an HTML page, a text PDF, or UTF-8 / GB18030 text.

    Raises
    ------
    DocumentError
        If it cannot be read, or holds no text (a scanned PDF, a page with no article).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in HTML:
        return _html(path, read_text(path))
    if suffix in PDF:
        return _pdf(path)
    return Document(read_text(path))


def _html(path: Path, page: str) -> Document:
    import trafilatura

    text = trafilatura.extract(page, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        raise DocumentError(f"{path}: no article text found in the page; save the article's text "
                            "as a .txt file and run suggest on that")
    meta = trafilatura.extract_metadata(page)
    return Document(text, True, title=getattr(meta, "title", "") or "", date=getattr(meta, "date", "") or "",
                    publisher=getattr(meta, "sitename", "") or "")


def _pdf(path: Path) -> Document:
    import pypdf

    try:
        reader = pypdf.PdfReader(path)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (OSError, pypdf.errors.PyPdfError) as err:
        raise DocumentError(f"{path}: not a readable PDF ({err}); check the file or give its text "
                            "as a .txt file") from None
    if not text.strip():
        raise DocumentError(f"{path}: the PDF has no text layer (a scan?); run OCR on it "
                            "(e.g. `ocrmypdf --language chi_sim`) or give its text as a .txt file")
    info = reader.metadata or {}
    return Document(text, True, title=str(info.get("/Title", "") or ""))


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
