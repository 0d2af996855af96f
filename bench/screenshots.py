"""The README's screenshots, taken from a fresh demo office in the system Chromium: ``make screenshots``.

Each shot is one role's page at the size that role works at (portrait tablet 800×1280, landscape
1280×800, phone 390×844), so the pictures in the README are what a person sees today, not a mock-up.
Writes ``docs/screenshots/<name>.png``; ``--out DIR`` writes elsewhere.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, DEMO_PASSWORD, running_server  # noqa: E402

PORTRAIT = {"width": 800, "height": 1280}
LANDSCAPE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# name, role, size, path (or a menu/list step: "first:<path>" opens the first record listed there)
SHOTS = [
    ("home-kepala-dinas", "kadis", LANDSCAPE, "/"),
    ("kasus-peksos-tablet", "peksos", PORTRAIT, "/kasus"),
    ("kasus-detail-peksos", "peksos", PORTRAIT, "first:/kasus"),
    ("orang-baru-peksos-ponsel", "peksos", PHONE, "/orang/baru"),
    ("spm-bulan-supervisor", "supervisor", LANDSCAPE, "/laporan/spm"),
    ("renja-supervisor-tablet", "supervisor", PORTRAIT, "/laporan/renja"),
    ("bencana-tagana-ponsel", "tagana", PHONE, "first:/bencana/"),
    ("pengaduan-operator", "operator", PORTRAIT, "/pengaduan"),
    ("kinerja-kepala-dinas", "kadis", LANDSCAPE, "/kinerja"),
    ("audit-auditor", "auditor", LANDSCAPE, "/admin/audit"),
]


def take(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for name, role, size, where in SHOTS:
            context = browser.new_context(viewport=size, has_touch=True, base_url=base, locale="id-ID")
            page = context.new_page()
            page.goto("/masuk")
            page.get_by_label("Nama pengguna").fill(role)
            page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_load_state("networkidle")
            if where.startswith("first:"):
                page.goto(where[6:])
                link = page.locator("main table tbody tr a[href], main .list a[href]").first
                page.goto(link.get_attribute("href"))
            else:
                page.goto(where)
            page.wait_for_load_state("networkidle")
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=False)
            written.append(target)
            context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    with running_server() as base:
        for path in take(base, Path(args.out)):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
