"""How names are compared and made into ids, the one way every command does it.

Contract: `fold` gives the form two names are compared in (accents off, lower
case, stripped); `slug` gives an id fact files accept, made of a name's folded
letters and digits joined by hyphens ("Wang Wentao" -> "wang-wentao")."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case, typographic quotes straight, accents off: how names are compared."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.replace("\u2019", "'").lower().strip()


def slug(text: str) -> str:
    """A name as an id: its folded letters and digits, hyphens between."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
