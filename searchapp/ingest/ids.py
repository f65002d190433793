"""Article ids: stable across rebuilds, from the canonical URL or else from the text."""
from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = re.compile(r"^(utm_|fbclid$|gclid$|ocid$|cmpid$)")


def document_id(url: str, body: str) -> str:
    """Stable id: from the canonical URL where the page names one, else from the text."""
    key = normalise_url(url) if url else "text:" + " ".join(body.split()).casefold()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def normalise_url(url: str) -> str:
    """Canonical form of a URL: lower-case host, no fragment, tracking parameters or trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not TRACKING_PARAMS.match(k)])
    host = (parts.hostname or "").removeprefix("www.")
    return urlunsplit(("https" if parts.scheme in ("http", "https") else parts.scheme, host,
                       parts.path.rstrip("/") or "/", query, ""))
