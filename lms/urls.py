"""URL helpers shared by blueprints."""
from typing import Optional
from urllib.parse import urlsplit


def safe_next(target: Optional[str]) -> Optional[str]:
    """A redirect target only if it stays on this site (a path, no scheme, no host)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target
