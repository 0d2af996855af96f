"""Every page each role reaches from the menu (and the first record of each list), in a real browser,
at a portrait tablet (800×1280) and a phone (390×844): nothing wider than the screen, every
control a touch target (≥ 44 px), and no raw code, UUID, field name or ISO date where a person
reads (issue 11's "every-page check").

Screenshots go to ``$LINDUNG_SCREENSHOTS`` when it is set (``bench/screenshots.py`` uses the same
walk for the README); the test itself only asserts what a user would notice.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import sign_in

pytestmark = pytest.mark.e2e

SIZES = {"tablet": {"width": 800, "height": 1280}, "phone": {"width": 390, "height": 844}}
ROLES = ["admin", "kadis", "supervisor", "peksos", "operator", "tagana", "auditor"]
# Links that leave the page's kind (downloads, the offline app, sign-out) are not walked.
SKIP = re.compile(r"\.(xlsx|csv|pdf|png|json)(\?|$)|/keluar|/aplikasi|/api/|/unduh|/ekspor|/cetak|/export|"
                  r"/download|format=")
MAX_PAGES = 45  # per role: the menu's pages first, then one page of each kind they link to
MAX_DEPTH = 2

# What a person must not read: a UUID, a snake_case field or code name, an ISO date or timestamp,
# Python's None, a template placeholder.
RAW = {
    "UUID": re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"),
    "field/code name": re.compile(r"(?<![\w@./-])[a-z]{2,}(?:_[a-z0-9]+)+\b(?![@.]\w)"),
    "ISO date": re.compile(r"\b20\d\d-[01]\d-[0-3]\d\b"),
    "None": re.compile(r"\bNone\b"),
    "placeholder": re.compile(r"\{[a-z_]+\}"),
}

# The visible text of the page's main part, less what is set as code (<code>, <kbd>: a file's column
# name or a pattern the user types is meant to be read as a code).
_VISIBLE_TEXT = """() => {
  const main = document.querySelector('main') || document.body;
  const codes = [...main.querySelectorAll('code, kbd, samp')].map(el => el.innerText);
  return [main.innerText, codes];
}"""

# Controls a finger must hit: buttons, fields, button-like links, menu and pager links, summaries.
_SMALL_TARGETS = """() => {
  const sel = 'button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, '
            + 'a.btn, a.btn-small, .btn-link, nav a, .pager a, summary, label.check, label.choice';
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
    if (el.closest('[hidden], .sr-only, .visually-hidden, .skip-link')) continue;
    if (el.type === 'file' && el.offsetParent === null) continue;
    if (r.height < 43.5) {
      out.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} `
               + `"${(el.innerText || el.value || el.name || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" `
               + `${Math.round(r.height)}px`);
    }
  }
  return out;
}"""

_OVERFLOW = """(width) => {
  const doc = document.documentElement;
  if (doc.scrollWidth <= width + 1) return [];
  // name what sticks out (outside a scroll box), to fix it
  const out = [];
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && r.width > 0) {
      let p = el.parentElement, boxed = false;
      while (p) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') { boxed = true; break; } p = p.parentElement; }
      if (!boxed) out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ` right=${Math.round(r.right)}`);
    }
    if (out.length >= 3) break;
  }
  return [`page ${doc.scrollWidth}px wide`, ...out];
}"""

_LINKS = """() => {
  const nav = [...document.querySelectorAll('nav[aria-label="Menu utama"] a[href]')].map(a => a.getAttribute('href'));
  return nav;
}"""

_MAIN_LINKS = """() => [...document.querySelectorAll('main a[href]')].map(a => a.getAttribute('href'))"""


def _shape(href: str) -> str:
    """One page of each kind: ids and numbers made alike, the query string dropped."""
    path = urlparse(href).path
    path = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}", path)
    return re.sub(r"\d+(?:\.\d+)*", "{n}", path).rstrip("/") or "/"


def _same_site(href: str) -> bool:
    return href.startswith("/") and not href.startswith("//")


def _check(page, url: str, shots: Path | None, role: str) -> list[str]:
    problems: list[str] = []
    text, codes = page.evaluate(_VISIBLE_TEXT)
    quoted = {m.group(0) for c in codes for p in RAW.values() for m in p.finditer(c)}
    for kind, pattern in RAW.items():
        hits = sorted({m.group(0) for m in pattern.finditer(text)} - quoted)
        if hits:
            problems.append(f"{kind}: {', '.join(hits[:5])}")
    for name, size in SIZES.items():
        page.set_viewport_size(size)
        page.wait_for_timeout(50)
        over = page.evaluate(_OVERFLOW, size["width"])
        if over:
            problems.append(f"{name}: overflow {'; '.join(over)}")
        small = page.evaluate(_SMALL_TARGETS)
        if small:
            problems.append(f"{name}: small targets {'; '.join(small[:4])}")
        if shots is not None:
            slug = re.sub(r"[^a-z0-9]+", "-", urlparse(url).path.lower()).strip("-") or "home"
            page.screenshot(path=str(shots / f"{role}-{name}-{slug}.png"), full_page=True)
    return [f"{url}: {p}" for p in problems]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_a_role_fits_a_tablet_and_a_phone(browser, live_server, role):
    shots = Path(os.environ["LINDUNG_SCREENSHOTS"]) if os.environ.get("LINDUNG_SCREENSHOTS") else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=SIZES["tablet"], has_touch=True, base_url=live_server, locale="id-ID")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        sign_in(page, role)
        queue = [("/", 0)] + [(h, 0) for h in page.evaluate(_LINKS) if _same_site(h)]
        seen: set[str] = set()
        problems: list[str] = []
        visited = 0
        while queue and visited < MAX_PAGES:
            url, depth = queue.pop(0)
            if _shape(url) in seen or SKIP.search(url):
                continue
            seen.add(_shape(url))
            page.set_viewport_size(SIZES["tablet"])
            resp = page.goto(url)
            visited += 1
            if resp is None or resp.status >= 400:
                problems.append(f"{url}: HTTP {resp.status if resp else '—'}")
                continue
            problems += _check(page, url, shots, role)
            if depth < MAX_DEPTH:
                queue += [(h, depth + 1) for h in page.evaluate(_MAIN_LINKS)
                          if _same_site(h) and _shape(h) not in seen and not SKIP.search(h)]
        if os.environ.get("LINDUNG_WALK_LOG"):
            with open(os.environ["LINDUNG_WALK_LOG"], "a") as log:
                log.write(f"{role}: {sorted(seen)}\n")
        assert visited >= 3, f"{role} reached only {visited} pages"
        assert not errors, errors
        assert not problems, f"{role}: {len(problems)} problems\n" + "\n".join(problems)
    finally:
        context.close()
