"""What every request handler needs, handed to the app once by the process that wires it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.clock import Clock
from inbound.json_input import read_json_object
from store.db import Store
from store.env import BotEnv
from store.metrics import Metrics
from store.settings import Settings


@dataclass(frozen=True, slots=True)
class Deps:
    settings: Settings
    store: Store
    clock: Clock
    metrics: Metrics


DEPS = web.AppKey("deps", Deps)
BOT_ENV = web.AppKey("bot_env", BotEnv)


def deps(request: web.Request) -> Deps:
    return request.app[DEPS]


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, default=str))


def error(status: int, message: str, **extra: Any) -> web.Response:
    return json_response({"error": message, **extra}, status=status)


async def json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object; anything else is a raised 422 (see `inbound.json_input`)."""
    return await read_json_object(request)


def own_origin(request: web.Request) -> str:
    """This server's own listening socket: not the Host header (the client's to choose), nor
    PUBLIC_BASE_URL (it may name a proxy or a tunnel that doesn't lead back here)."""
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    if isinstance(sockname, tuple) and len(sockname) >= 2:
        host = str(sockname[0])
        return f"{request.scheme}://{f'[{host}]' if ':' in host else host}:{sockname[1]}"
    return str(request.url.origin())


def client_address(request: web.Request) -> str:
    """Who is on the other end: the peer's address, or, only when the peer is one of TRUSTED_PROXIES, the
    right-most X-Forwarded-For hop that is not itself a trusted proxy (anything left of it is the client's to
    write). Anyone else's X-Forwarded-For is ignored."""
    peer = request.remote or ""
    trusted = deps(request).settings.trusted_proxy_addresses
    if peer not in trusted:
        return peer
    hops = [hop.strip() for value in request.headers.getall("X-Forwarded-For", []) for hop in value.split(",")]
    for hop in reversed([h for h in hops if h]):
        if hop not in trusted:
            return hop
    return peer
