"""A scripted fake of Twilio's Messages and Calls create endpoints, for the failures Prism cannot produce.

Prism validates our requests against Twilio's spec but only ever answers 201; Twilio's error codes (21610 opted
out, 21211 invalid number, 20429 rate limited) and flaky 5xx answers come from this aiohttp app instead. It
answers per recipient number, records every request's form fields, and runs on a free loopback port on the
test's own event loop. The numbers follow Twilio's documented test-credential "magic numbers" where one exists
(+15005550001 invalid, +15005550004 opted out, +15005550009 not a mobile number); the others are ours.

With `limit_mps(n)` it also enforces Twilio's rate per sender: each `From` (or Messaging Service) may send `n`
messages per second (a bucket of `n` refilled at `n` a second); beyond that it answers 429 / 20429, as Twilio
does when its queue for a number is full. `accepted` keeps when each message was accepted, from and to whom.

Run it by hand with `python -m tests.peers.fake_twilio [PORT]` to poke it with curl.
"""
from __future__ import annotations

import asyncio
import secrets
import sys
import time
from dataclasses import dataclass, field
from email.utils import formatdate

from aiohttp import web

INVALID_NUMBER = "+15005550001"   # 21211 Invalid 'To' Phone Number
OPTED_OUT = "+15005550004"        # 21610 Attempt to send to unsubscribed recipient
NOT_MOBILE = "+15005550009"       # 21614 'To' number is not a valid mobile number
RATE_LIMITED = "+15005550429"     # 20429 Too Many Requests, HTTP 429
SERVER_ERROR = "+15005550500"     # HTTP 500, every time
FLAKY = "+15005550503"            # HTTP 503 twice, then accepted


@dataclass(frozen=True, slots=True)
class Outcome:
    """One scripted answer: `code` None means success (201 with a resource), else a Twilio error."""

    status: int = 201
    code: int | None = None
    message: str = ""
    json: bool = True       # False: a bare text body, like a load balancer's 503 page
    delay: float = 0.0      # seconds to stall before answering, to exercise client timeouts


ACCEPTED = Outcome()


def twilio_error(status: int, code: int, message: str) -> Outcome:
    return Outcome(status=status, code=code, message=message)


DEFAULT_SCRIPTS: dict[str, list[Outcome]] = {
    INVALID_NUMBER: [twilio_error(400, 21211, "Invalid 'To' Phone Number")],
    OPTED_OUT: [twilio_error(400, 21610, "Attempt to send to unsubscribed recipient")],
    NOT_MOBILE: [twilio_error(400, 21614, "'To' number is not a valid mobile number")],
    RATE_LIMITED: [twilio_error(429, 20429, "Too Many Requests")],
    SERVER_ERROR: [twilio_error(500, 20500, "Internal Server Error")],
    FLAKY: [Outcome(503, 503, "Service Unavailable", json=False)] * 2 + [ACCEPTED],
}


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    resource: str                          # "Messages" or "Calls"
    account_sid: str
    form: dict[str, str]                   # first value of each field
    form_lists: dict[str, list[str]]       # every value (StatusCallbackEvent repeats)
    auth: str | None


@dataclass
class FakeTwilio:
    """The fake's state: scripts per recipient, how often each was tried, and every request seen."""

    base_url: str = ""
    scripts: dict[str, list[Outcome]] = field(default_factory=lambda: dict(DEFAULT_SCRIPTS))
    tries: dict[tuple[str, str], int] = field(default_factory=dict)
    requests: list[RecordedRequest] = field(default_factory=list)
    resources: dict[str, dict[str, object]] = field(default_factory=dict)  # by SID, as a fetch returns them
    mps: float | None = None  # messages per second per sender, None: unlimited
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # sender -> (tokens, at)
    accepted: list[tuple[float, str, str]] = field(default_factory=list)  # (monotonic time, from, to)
    rate_limited: list[tuple[float, str, str]] = field(default_factory=list)  # the 429s it answered

    def limit_mps(self, mps: float | None) -> None:
        """Enforce `mps` messages per second per sender from now on (None: no limit)."""
        self.mps = mps
        self.buckets.clear()

    def take_token(self, sender: str, now: float) -> bool:
        """One message from `sender` at `now` fits its bucket (and uses a token), or it does not."""
        if self.mps is None:
            return True
        tokens, at = self.buckets.get(sender, (self.mps, now))
        tokens = min(self.mps, tokens + (now - at) * self.mps)
        if tokens < 1:
            self.buckets[sender] = (tokens, now)
            return False
        self.buckets[sender] = (tokens - 1, now)
        return True

    def settle(self, sid: str, status: str, error_code: int | None = None) -> None:
        """What Twilio later says of a message or call (its callback never delivered): a fetch shows it."""
        self.resources[sid] = {**self.resources[sid], "status": status, "error_code": error_code}

    def script(self, number: str, *outcomes: Outcome) -> None:
        """Answer `number` with these outcomes in turn; the last one repeats."""
        self.scripts[number] = list(outcomes)
        self.tries = {key: n for key, n in self.tries.items() if key[1] != number}

    def reset(self) -> None:
        """Forget requests, tries and custom scripts (the fixture is shared by the whole session)."""
        self.scripts = dict(DEFAULT_SCRIPTS)
        self.tries.clear()
        self.requests.clear()
        self.accepted.clear()
        self.rate_limited.clear()
        self.limit_mps(None)

    def requests_to(self, number: str, resource: str | None = None) -> list[RecordedRequest]:
        return [r for r in self.requests
                if r.form.get("To") == number and resource in (None, r.resource)]

    def next_outcome(self, resource: str, number: str) -> Outcome:
        script = self.scripts.get(number, [ACCEPTED])
        n = self.tries.get((resource, number), 0)
        self.tries[(resource, number)] = n + 1
        return script[min(n, len(script) - 1)]


def make_app(fake: FakeTwilio) -> web.Application:
    app = web.Application()
    base = "/2010-04-01/Accounts/{account_sid}"
    app.router.add_post(base + "/Messages.json", _handler(fake, "Messages"))
    app.router.add_post(base + "/Calls.json", _handler(fake, "Calls"))
    app.router.add_get(base + "/Messages/{sid}.json", _fetch(fake))
    app.router.add_get(base + "/Calls/{sid}.json", _fetch(fake))
    return app


def _fetch(fake: FakeTwilio):
    async def fetch(request: web.Request) -> web.Response:
        found = fake.resources.get(request.match_info["sid"])
        if found is None:
            return _error_response(twilio_error(404, 20404, "The requested resource was not found"))
        return web.json_response(found)
    return fetch


def _handler(fake: FakeTwilio, resource: str):
    async def handle(request: web.Request) -> web.Response:
        recorded = await _record(request, resource)
        fake.requests.append(recorded)
        missing = _missing_field(resource, recorded.form)
        if missing:
            return _error_response(twilio_error(400, 21604 if missing == "To" else 21602,
                                                f"'{missing}' is required"))
        if resource == "Messages":
            sender, now = recorded.form.get("From") or recorded.form["MessagingServiceSid"], time.monotonic()
            if not fake.take_token(sender, now):
                fake.rate_limited.append((now, sender, recorded.form["To"]))
                return _error_response(twilio_error(429, 20429, "Too Many Requests"))
        outcome = fake.next_outcome(resource, recorded.form["To"])
        await asyncio.sleep(outcome.delay)
        if outcome.code is not None:
            return _error_response(outcome)
        if resource == "Messages":
            fake.accepted.append((time.monotonic(), sender, recorded.form["To"]))
        created = _resource(resource, recorded)
        fake.resources[str(created["sid"])] = created
        return web.json_response(created, status=201)
    return handle


async def _record(request: web.Request, resource: str) -> RecordedRequest:
    post = await request.post()
    lists: dict[str, list[str]] = {}
    for key, value in post.items():
        lists.setdefault(key, []).append(str(value))
    return RecordedRequest(
        resource=resource, account_sid=request.match_info["account_sid"],
        form={k: v[0] for k, v in lists.items()}, form_lists=lists,
        auth=request.headers.get("Authorization"),
    )


def _missing_field(resource: str, form: dict[str, str]) -> str | None:
    required = ["To", "From", "Body"] if resource == "Messages" else ["To", "From", "Url"]
    if resource == "Messages" and form.get("MessagingServiceSid"):  # the service picks the number
        required.remove("From")
    return next((name for name in required if not form.get(name)), None)


def _error_response(outcome: Outcome) -> web.Response:
    if not outcome.json:
        return web.Response(status=outcome.status, text=outcome.message)
    # Twilio's legacy error body; the SDK reads `code` and `message` from it.
    return web.json_response({
        "code": outcome.code, "message": outcome.message,
        "more_info": f"https://www.twilio.com/docs/errors/{outcome.code}", "status": outcome.status,
    }, status=outcome.status)


def _resource(resource: str, recorded: RecordedRequest) -> dict[str, object]:
    prefix = "SM" if resource == "Messages" else "CA"
    sid = prefix + secrets.token_hex(16)
    now = formatdate(usegmt=True)   # Twilio dates are RFC 2822
    common = {
        "sid": sid, "account_sid": recorded.account_sid, "to": recorded.form["To"],
        "from": recorded.form.get("From"), "status": "queued", "date_created": now, "date_updated": now,
        "api_version": "2010-04-01",
        "uri": f"/2010-04-01/Accounts/{recorded.account_sid}/{resource}/{sid}.json",
    }
    if resource == "Messages":
        return common | {"body": recorded.form["Body"], "direction": "outbound-api",
                         "num_segments": "1", "error_code": None, "error_message": None}
    return common | {"direction": "outbound-api", "answered_by": None, "duration": None}


async def start_fake_twilio(host: str = "127.0.0.1", port: int = 0) -> tuple[FakeTwilio, web.AppRunner]:
    """Serve a fresh fake on the running loop; port 0 picks a free one. Stop it with `runner.cleanup()`."""
    fake = FakeTwilio()
    runner = web.AppRunner(make_app(fake), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound_host, bound_port = runner.addresses[0][:2]
    fake.base_url = f"http://{bound_host}:{bound_port}"
    return fake, runner


if __name__ == "__main__":
    web.run_app(make_app(FakeTwilio()), host="127.0.0.1", port=int(sys.argv[1]) if sys.argv[1:] else 4011)
