"""Settings: one frozen dataclass built once from the environment and passed down.

Every field has a default or a clear error. Provider credentials left unset put that channel in sandbox mode:
its messages are recorded and shown, not sent. Inbound signatures are still checked, against a sandbox
secret derived from SECRET_KEY when the provider's own secret is unset.

Secrets (`require_safe_secrets`): a process that serves (run, web, smtp, worker) with any channel live refuses
to start unless SECRET_KEY, ADMIN_TOKEN and, with Stripe live, STRIPE_WEBHOOK_SECRET are set, are not the
development default, and are at least 32 bytes long. Derived secrets exist only in sandbox mode. The sandbox
pages exist only when every channel is sandboxed or SANDBOX=1 says so (`sandbox_enabled`).
"""
from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, fields

from bot.dispatch import Dispatch

DEFAULT_SECRET = "dev-only-secret-change-me"
MIN_SECRET_BYTES = 32
TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


class InsecureSecret(SettingsError):
    """A live channel with a secret that is missing, the development default, or too short: refuse to start."""


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = "sqlite:///./referral-bot.db"
    admin_token: str = ""
    secret_key: str = DEFAULT_SECRET
    public_base_url: str = "http://127.0.0.1:8080"
    host: str = "127.0.0.1"
    port: int = 8080
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 2525
    inbound_email_domain: str = "in.referral-bot.test"
    max_email_bytes: int = 10 * 1024 * 1024
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_from_number: str = ""
    # A pool of sender numbers (comma list) texts are spread over, each paced at TWILIO_MPS messages per second;
    # or a Messaging Service SID, whose own queue paces them (then no pacing here).
    twilio_from_numbers: str = ""
    twilio_mps: float = 1.0
    twilio_messaging_service_sid: str = ""
    twilio_api_base: str = ""
    smtp_url: str = ""
    email_from: str = "Referral Network <referrals@referral-bot.test>"
    stripe_api_key: str = ""
    stripe_webhook_secret: str = ""
    stripe_api_base: str = ""
    program_name: str = "Referral Network"
    client_check_hours: float = 4.0  # with the client's consent: hours after the award we ask if they were reached
    client_check_business_hours: bool = True  # count those hours Mon-Fri 9:00-17:00 on the winner's clock
    client_check_silence_hours: float = 24.0  # no answer and no contact recorded this long after asking: flagged
    connect_record_calls: bool = False  # live connect: record the bridge (both parties hear a notice first)
    support_contact: str = "support@referral-bot.test"
    offer_ttl_days: int = 60
    claim_link_ttl_days: int = 60
    reminder_days: int = 14
    invoice_days_until_due: int = 7
    report_overdue_days: int = 30
    suspend_grace_days: int = 7
    outbox_max_attempts: int = 8
    outbox_lease_seconds: int = 120
    worker_batch_size: int = 50
    worker_concurrency: int = 20
    worker_poll_seconds: float = 0.5
    log_level: str = "INFO"
    sandbox: bool = False  # SANDBOX=1: keep the sandbox pages even with live channels
    trusted_proxies: str = ""  # comma-separated peer addresses whose X-Forwarded-For is believed
    # An idle connection, or one whose request headers have not all arrived, is closed after this long:
    # longer than a proxy's usual 60 s idle timeout (the proxy closes first), far shorter than aiohttp's hour.
    http_idle_seconds: float = 75.0
    # On SIGTERM each part gets this long to finish what it holds (requests, sends, a job) before it is cut
    # short; leased outbox rows it did not finish are released for the next worker.
    shutdown_seconds: float = 10.0
    # Message bodies and raw emails older than this many days are emptied by a daily job (0: kept forever).
    retention_days: int = 0
    # `referral-bot redact` refuses a referral closed fewer than this many days ago (disputes, late reports).
    redact_after_days: int = 30
    # The network's dispatch policy for referrals that name none: JSON like the API's "dispatch" (README)
    dispatch_default: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str], **overrides: object) -> Settings:
        """Read every field from its upper-case environment variable; `overrides` win (CLI flags)."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.name, raw, type(f.default))
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "public_base_url" not in values:  # unset: where this process listens (links work locally)
            defaults = {f.name: f.default for f in fields(cls)}
            host, port = values.get("host", defaults["host"]), values.get("port", defaults["port"])
            values["public_base_url"] = f"http://{host}:{port}"
        settings = cls(**values)  # type: ignore[arg-type]
        settings.validate()
        return settings

    def validate(self) -> None:
        if not self.public_base_url.startswith(("http://", "https://")):
            raise SettingsError("PUBLIC_BASE_URL must start with http:// or https://")
        if self.twilio_from_number and not self.twilio_from_number.startswith("+"):
            raise SettingsError("TWILIO_FROM_NUMBER must be in E.164 form, like +15125550100")
        if any(not n.startswith("+") for n in self.sender_numbers):
            raise SettingsError("TWILIO_FROM_NUMBERS must be E.164 numbers separated by commas")
        if self.twilio_mps <= 0:
            raise SettingsError("TWILIO_MPS must be a positive number of messages per second")
        if self.twilio_messaging_service_sid and not self.twilio_messaging_service_sid.startswith("MG"):
            raise SettingsError("TWILIO_MESSAGING_SERVICE_SID must start with MG")
        _ = self.dispatch_policy  # DISPATCH_DEFAULT is checked at start: reading it raises if it is bad

    @property
    def dispatch_policy(self) -> Dispatch:
        """DISPATCH_DEFAULT as a policy (broadcast when unset); checked like the API's `dispatch`."""
        if not self.dispatch_default:
            return Dispatch()
        from store import validation  # the same rules as POST /api/referrals

        try:
            return Dispatch.from_json(validation.dispatch(json.loads(self.dispatch_default)))
        except ValueError as exc:  # JSONDecodeError is one
            raise SettingsError(f"DISPATCH_DEFAULT: {exc}") from None

    def require_admin_token(self) -> None:
        if not self.admin_token:
            raise SettingsError("ADMIN_TOKEN is required (the operator API's bearer token)")

    def require_safe_secrets(self) -> None:
        """With any channel live, every secret must be set, not the default, and at least 32 bytes."""
        live = self.live_channels
        if not live:
            return
        secrets = {"SECRET_KEY": self.secret_key, "ADMIN_TOKEN": self.admin_token}
        if not self.stripe_sandboxed:
            secrets["STRIPE_WEBHOOK_SECRET"] = self.stripe_webhook_secret
        for name, value in secrets.items():
            problem = _secret_problem(value)
            if problem:
                raise InsecureSecret(f"{name} {problem}; required with live channels ({', '.join(live)}): "
                                     f"set a random value of at least {MIN_SECRET_BYTES} bytes")

    # -- Twilio's senders -----------------------------------------------------------------------
    @property
    def sender_numbers(self) -> tuple[str, ...]:
        """The numbers texts leave from: TWILIO_FROM_NUMBERS, else TWILIO_FROM_NUMBER alone."""
        pool = tuple(n.strip() for n in self.twilio_from_numbers.split(",") if n.strip())
        return pool or ((self.twilio_from_number,) if self.twilio_from_number else ())

    @property
    def twilio_caller_id(self) -> str:
        """What calls come from: TWILIO_FROM_NUMBER, else the pool's first number."""
        return self.twilio_from_number or next(iter(self.sender_numbers), "")

    # -- sandbox mode, per channel -------------------------------------------------------------
    @property
    def sms_sandboxed(self) -> bool:
        senders = self.sender_numbers or self.twilio_messaging_service_sid
        return not (self.twilio_account_sid and self.twilio_auth_token and senders)

    @property
    def email_sandboxed(self) -> bool:
        return not self.smtp_url

    @property
    def stripe_sandboxed(self) -> bool:
        return not self.stripe_api_key

    @property
    def sandboxed_channels(self) -> list[str]:
        flags = {"sms": self.sms_sandboxed, "voice": self.sms_sandboxed,
                 "email": self.email_sandboxed, "stripe": self.stripe_sandboxed}
        return [name for name, sandboxed in flags.items() if sandboxed]

    @property
    def live_channels(self) -> list[str]:
        return [name for name in ("sms", "voice", "email", "stripe") if name not in self.sandboxed_channels]

    @property
    def any_sandbox(self) -> bool:
        return bool(self.sandboxed_channels)

    @property
    def sandbox_enabled(self) -> bool:
        """The sandbox pages and routes: when every channel is sandboxed, or SANDBOX=1 asks for them."""
        return self.sandbox or not self.live_channels

    @property
    def trusted_proxy_addresses(self) -> frozenset[str]:
        return frozenset(part.strip() for part in self.trusted_proxies.split(",") if part.strip())

    # -- secrets for inbound verification ------------------------------------------------------
    @property
    def twilio_signing_token(self) -> str:
        """What inbound Twilio signatures are checked against (a derived secret in sandbox mode)."""
        return self.twilio_auth_token or _derive(self.secret_key, "twilio-sandbox")

    @property
    def stripe_signing_secret(self) -> str:
        """Derived only while Stripe is sandboxed: a live Stripe needs its own STRIPE_WEBHOOK_SECRET."""
        if self.stripe_webhook_secret:
            return self.stripe_webhook_secret
        if not self.stripe_sandboxed:  # fail closed: an empty key would let anyone sign
            raise SettingsError("STRIPE_WEBHOOK_SECRET is required when Stripe is live")
        return "whsec_" + _derive(self.secret_key, "stripe-sandbox")

    def public_url(self, path: str) -> str:
        return self.public_base_url.rstrip("/") + path


def _derive(secret: str, purpose: str) -> str:
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).hexdigest()[:32]


def _secret_problem(value: str) -> str | None:
    if not value:
        return "is not set"
    if value == DEFAULT_SECRET:
        return "is the development default"
    if len(value.encode()) < MIN_SECRET_BYTES:
        return f"is shorter than {MIN_SECRET_BYTES} bytes"
    return None


def _coerce(name: str, raw: str, kind: type) -> object:
    if kind is bool:
        if raw.strip().lower() in TRUE_WORDS + FALSE_WORDS:
            return raw.strip().lower() in TRUE_WORDS
        raise SettingsError(f"{name.upper()} must be 1 or 0, got {raw!r}")
    try:
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
    except ValueError:
        raise SettingsError(f"{name.upper()} must be a number, got {raw!r}") from None
    return raw
