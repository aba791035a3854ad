"""The character encoding a document declares: a saved HTTP response's ``Content-Type``
header, an XML declaration, an HTML ``<meta>`` tag.

A declaration is a claim to check, not a fact: ``encoding.choose_encoding`` honours it when the
bytes decode with it.
"""

from __future__ import annotations

import re

# A page or feed saved with its HTTP response headers (``curl -i``): a status line, headers, a
# blank line. Redirects give several such blocks; the last one's headers describe the body.
HTTP_STATUS = re.compile(rb"\AHTTP/\d(?:\.\d)? \d{3}\b")
HEADER_END = re.compile(rb"\r?\n\r?\n")
HTTP_HEADER_MAX = 16 * 1024
CONTENT_TYPE_CHARSET = re.compile(
    rb"^content-type:[^\r\n]*?charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE | re.MULTILINE
)
XML_ENCODING = re.compile(
    rb"\A\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.IGNORECASE
)
# Browsers look for <meta charset> in the first 1,024 bytes; pages with long comments or
# scripts in their head put it later, so we look a little further.
META_SCAN_BYTES = 8 * 1024
META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)


def split_http_header(data: bytes) -> tuple[str | None, bytes]:
    """The charset named by a saved HTTP response header block, and the body after it.

    ``(None, data)`` when ``data`` does not start with an HTTP status line.
    """
    charset: str | None = None
    while HTTP_STATUS.match(data):
        end = HEADER_END.search(data, 0, HTTP_HEADER_MAX)
        if end is None:
            break
        found = CONTENT_TYPE_CHARSET.search(data, 0, end.start())
        charset = found.group(1).decode("ascii") if found else None
        data = data[end.end() :]
    return charset, data


def xml_charset(data: bytes) -> str | None:
    """The encoding an XML declaration at the start of ``data`` names, if any."""
    found = XML_ENCODING.match(data)
    return found.group(1).decode("ascii") if found else None


def html_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares (XML declaration, then ``<meta>``), if any."""
    found = xml_charset(data)
    if found:
        return found
    meta = META_CHARSET.search(data, 0, META_SCAN_BYTES)
    return meta.group(1).decode("ascii") if meta else None
