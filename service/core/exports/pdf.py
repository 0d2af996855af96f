"""HTML -> PDF with WeasyPrint, offline (fonts from the system, no remote assets).

Templates extend ``templates/print/base.html``, which draws the office
letterhead (*kop surat*) from the office settings; ``templates/print/_macros.html``
has the signature block (head of office, NIP). The web layer renders the HTML
(Jinja) and passes it here; this module only converts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from service.core.paths import STATIC

STATIC_DIR = STATIC.resolve()


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Loads only data: URIs and files under static/ — never the network."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            check_url(url)
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"})


def check_url(url: str) -> None:
    if url.startswith("data:"):
        return
    if url.startswith("file://") and Path(url[7:].split("?")[0]).resolve().is_relative_to(STATIC_DIR):
        return
    raise ValueError(f"refusing to load {url}")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=_fetcher()).write_pdf()
