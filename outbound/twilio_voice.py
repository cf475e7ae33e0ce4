"""Place an outbox row as a phone call through Twilio's Calls API.

`payload["url"]` is our TwiML answer URL (`/twilio/voice/answer?...`): Twilio fetches it with POST when the
call connects. Answering-machine detection is on, so the answer webhook gets `AnsweredBy` and can leave a
message instead of waiting for a keypress; every progress event goes to the status callback. The Call SID
is the provider id; errors leave this module only as the sender port's errors.
"""
from __future__ import annotations

from typing import Any

from twilio.rest import Client

from bot.messages import CallSpec
from outbound.senders import OutboxItem, PermanentSendError, SendResult
from outbound.twilio_client import provider_status, retry_transient

STATUS_EVENTS = ["initiated", "ringing", "answered", "completed"]


class TwilioVoiceSender:
    channel = "voice"

    def __init__(self, client: Client, *, from_number: str, status_callback: str | None,
                 ring_timeout: int = 25, retry_wait: float = 0.5) -> None:
        self._client = client
        self._from_number = from_number
        self._status_callback = status_callback
        self._ring_timeout = ring_timeout
        self._retry_wait = retry_wait

    async def send(self, item: OutboxItem) -> SendResult:
        """Start the call at Twilio; return its SID and Twilio's status (normally "queued")."""
        params = self._params(item)
        call = await retry_transient(
            lambda: self._client.calls.create_async(**params), wait=self._retry_wait
        )
        return SendResult(provider_id=call.sid, status=provider_status(call.status))

    def _params(self, item: OutboxItem) -> dict[str, Any]:
        call = CallSpec.from_payload(item.payload)
        if call is None:
            raise PermanentSendError(f"outbox item {item.id} has no answer URL", code="no_url")
        params: dict[str, Any] = {
            "to": item.recipient, "from_": self._from_number, "url": call.url, "method": "POST",
            "machine_detection": "Enable",
            # Seconds to ring before Twilio gives up (status no-answer); Twilio may add a 5 s buffer.
            "timeout": self._ring_timeout,
        }
        if self._status_callback:
            params |= {"status_callback": self._status_callback, "status_callback_method": "POST",
                       "status_callback_event": STATUS_EVENTS}
        return params
