"""Portal sign-in and sign-out: sessions live on the server (signing out, or a new password, ends them), both
forms need their CSRF token, a cookie that is not ours is simply signed out, and failed sign-ins are throttled
per account and per client address in the database (so two web processes share the counts). The client
address is the peer's, or X-Forwarded-For only from a trusted proxy."""
from __future__ import annotations

import dataclasses

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from inbound.deps import DEPS, Deps, client_address
from inbound.portal.session import COOKIE
from inbound.web import create_app
from store.portal_models import PortalSession
from tests.test_portal import PASSWORD, call, csrf_of, pair, sign_in

SAM = "sam@hillcountry.test"


def session_cookie(client) -> str:
    return next(c.value for c in client.session.cookie_jar if c.key == COOKIE)


async def home_status(client, cookie: str | None = None) -> tuple[int, str]:
    """The home page's status and where it ended up (the sign-in form when signed out)."""
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie is not None else None
    if cookie is not None:
        client.session.cookie_jar.clear()
    answer = await client.get("/portal", headers=headers)
    return answer.status, answer.url.path


async def sessions(store) -> int:
    return await store.run(lambda s: s.scalar(select(func.count()).select_from(PortalSession)))


async def test_signing_out_ends_the_session_on_the_server(client, store):
    await pair(client)
    await sign_in(client, SAM)
    cookie, home = session_cookie(client), await (await client.get("/portal")).text()
    assert await sessions(store) == 1
    out = await client.post("/portal/signout", data={"csrf": csrf_of(home)}, allow_redirects=False)
    assert out.status == 303 and out.headers["Location"] == "/portal/signin"
    assert await sessions(store) == 0
    assert await home_status(client, cookie) == (200, "/portal/signin")  # the copied cookie is dead too


async def test_sign_out_without_its_csrf_token_changes_nothing(client, store):
    await pair(client)
    await sign_in(client, SAM)
    for data in ({}, {"csrf": "0" * 32}, {"csrf": "é"}):
        assert (await client.post("/portal/signout", data=data, allow_redirects=False)).status == 403
    assert await sessions(store) == 1 and await home_status(client) == (200, "/portal")


async def test_sign_in_needs_the_forms_csrf_token_and_its_cookie(client, store):
    await pair(client)
    bare = await client.post("/portal/signin", data={"email": SAM, "password": PASSWORD}, allow_redirects=False)
    assert bare.status == 403 and "expired" in await bare.text()
    csrf = csrf_of(await (await client.get("/portal/signin")).text())
    client.session.cookie_jar.clear()  # a token without the cookie it is bound to (what another site has)
    forged = await client.post("/portal/signin", data={"email": SAM, "password": PASSWORD, "csrf": csrf},
                               allow_redirects=False)
    assert forged.status == 403 and await sessions(store) == 0


@pytest.mark.parametrize("cookie", ["garbage", "1.99999999999999999999999.abc", "²³.x.y", "A" * 43, "é" * 43,
                                    "1." + "9" * 40 + "." + "f" * 64])
async def test_a_portal_cookie_that_is_not_ours_is_signed_out(client, cookie):
    await pair(client)
    assert await home_status(client, cookie) == (200, "/portal/signin")
    answer = await client.post("/portal/invitations", data={"csrf": "x", "email": "rita@lonestar.test"},
                               headers={"Cookie": f"{COOKIE}={cookie}"}, allow_redirects=False)
    assert answer.status in (303, 403)


async def test_a_new_password_ends_every_session_of_that_user(client, store):
    p = await pair(client)
    await sign_in(client, SAM)
    cookie = session_cookie(client)
    await call(client, "PATCH", f"/api/portal/accounts/{p.sender}/users/{p.sam}", 200,
               {"password": "a brand new passphrase"})
    assert await home_status(client, cookie) == (200, "/portal/signin")


async def test_five_failures_lock_the_account_then_the_wait_grows(client, store, clock):
    await pair(client)
    for _ in range(5):
        assert (await sign_in(client, SAM, "wrong password")).status == 401
    locked = await sign_in(client, SAM)  # even the right password waits
    assert locked.status == 429 and locked.headers["Retry-After"] == "60" and "Try again in 1 minute" in \
        await locked.text()
    clock.advance(seconds=61)
    assert (await sign_in(client, SAM, "wrong again")).status == 401
    again = await sign_in(client, SAM)
    assert again.status == 429 and again.headers["Retry-After"] == "120"  # the wait doubled
    clock.advance(seconds=121)
    assert (await sign_in(client, SAM)).status == 200 and await sessions(store) == 1


async def test_failures_are_forgotten_after_a_quiet_quarter_hour(client, clock):
    await pair(client)
    for _ in range(4):
        await sign_in(client, SAM, "wrong password")
    clock.advance(minutes=16)
    for _ in range(4):
        assert (await sign_in(client, SAM, "wrong password")).status == 401
    assert (await sign_in(client, SAM)).status == 200


async def test_one_address_guessing_many_accounts_is_locked_out(client):
    await pair(client)
    for n in range(5):
        assert (await sign_in(client, f"nobody{n}@example.test", "guess")).status == 401
    assert (await sign_in(client, "rita@lonestar.test")).status == 429  # same address, another account


async def test_two_web_processes_share_the_counts(client, store, settings, clock, metrics):
    await pair(client)
    other_app = create_app(settings, store, clock, metrics)
    async with TestClient(TestServer(other_app, host="127.0.0.1")) as other:
        for n in range(5):
            assert (await sign_in(client if n % 2 else other, SAM, "wrong password")).status == 401
        assert (await sign_in(other, SAM)).status == 429 and (await sign_in(client, SAM)).status == 429


async def test_forwarded_addresses_count_only_behind_a_trusted_proxy(store, settings, clock, metrics):
    behind = dataclasses.replace(settings, trusted_proxies="127.0.0.1")
    async with TestClient(TestServer(create_app(behind, store, clock, metrics), host="127.0.0.1")) as http:
        http.admin = {"Authorization": f"Bearer {settings.admin_token}"}
        await pair(http)
        for n in range(5):
            http.session.headers["X-Forwarded-For"] = f"203.0.113.{n}"
            assert (await sign_in(http, f"nobody{n}@example.test", "guess")).status == 401
        http.session.headers["X-Forwarded-For"] = "203.0.113.77"
        assert (await sign_in(http, SAM)).status == 200  # five addresses, one failure each


@pytest.mark.parametrize("trusted,forwarded,seen", [
    ("", "203.0.113.9", "127.0.0.1"),  # not from a proxy we trust: the header is the client's to forge
    ("127.0.0.1", "203.0.113.9", "203.0.113.9"),
    ("127.0.0.1", "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the hop our proxy added, not the forged one
    ("127.0.0.1, 10.0.0.2", "198.51.100.1, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
    ("127.0.0.1", "", "127.0.0.1"),
])
async def test_client_address_believes_x_forwarded_for_only_from_trusted_proxies(settings, trusted, forwarded, seen):
    app = web.Application()
    app[DEPS] = Deps(settings=dataclasses.replace(settings, trusted_proxies=trusted), store=None, clock=None,
                     metrics=None)  # type: ignore[arg-type]
    app.router.add_get("/", echo_address)
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        answer = await http.get("/", headers={"X-Forwarded-For": forwarded} if forwarded else None)
        assert await answer.text() == seen


async def echo_address(request: web.Request) -> web.Response:
    return web.Response(text=client_address(request))
