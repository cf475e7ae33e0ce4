"""The HTML layout every server-drawn page shares (the claim page, the agent-to-agent pages, the portal, the
payment pages, the sandbox): one document shape with inline CSS and no external assets, the security headers,
and the plain message page. Every value goes through `esc`; a page module builds only its own body.
"""
from __future__ import annotations

import html

from aiohttp import web

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",  # the token is in the URL: never pass it on
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
}
CSS = """
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1d2430;background:#f3f5f8}main{max-width:34rem;margin:0 auto;padding:1.25rem}
.card{background:#fff;border-radius:14px;padding:1.25rem 1.25rem 1rem;box-shadow:0 1px 4px #0002;margin:1rem 0}
h1{font-size:1.45rem;margin:.2rem 0 .8rem}.kicker{color:#5b6677;font-size:.9rem;margin:0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.35rem 1rem;margin:0 0 1rem}dt{color:#5b6677}
dd{margin:0;font-weight:600}
button,.button{display:block;width:100%;font:inherit;font-weight:700;font-size:1.1rem;padding:.85rem;border:0;
border-radius:10px;background:#0b6bcb;color:#fff;cursor:pointer;text-align:center;text-decoration:none}
button:active{background:#09539e}.fine{color:#5b6677;font-size:.85rem}
button.secondary{background:#fff;color:#0b6bcb;border:2px solid #0b6bcb;font-size:.95rem;padding:.5rem;
margin-top:.6rem}.notice{background:#eaf3fd;border-radius:10px;padding:.65rem .85rem;margin:0 0 .8rem}
.price{font-size:1.15rem;margin:0 0 .8rem}
.good h1{color:#17733a}.bad h1{color:#a23b12}.muted h1{color:#5b6677}
"""


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def layout(title: str, body: str, *, extra_css: str = "", refresh_seconds: int | None = None) -> str:
    """A whole HTML document: viewport for phones, inline CSS, no external assets; `refresh_seconds` reloads
    it while it waits on the worker (a pay link being made)."""
    refresh = f"<meta http-equiv=\"refresh\" content=\"{refresh_seconds}\">" if refresh_seconds else ""
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" + refresh +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)}</title><style>{CSS}{extra_css}</style></head>"
            f"<body><main>{body}</main></body></html>")


def html_response(document: str, status: int = 200) -> web.Response:
    return web.Response(text=document, status=status, content_type="text/html", charset="utf-8",
                        headers=SECURITY_HEADERS)


def message_page(title: str, text: str, *, status: int, tone: str = "muted", detail: str = "") -> web.Response:
    card = f"<section class=\"card {esc(tone)}\"><h1>{esc(title)}</h1><p>{esc(text)}</p>{detail}</section>"
    return html_response(layout(title, card), status)
