"""Send an outbox row as a text message through Twilio's Messages API.

The row's `payload["body"]` is the text, sent from the number the worker's pacing chose (`item.sender`) or
through a Messaging Service; a 429 from Twilio leaves as `RateLimitedError` at once. The answer's Message SID
becomes the provider id that later status callbacks (`POST /twilio/sms/status`) are matched on. Twilio and
transport errors leave this module only as the sender port's `TransientSendError` (or its `RateLimitedError`),
`PermanentSendError` or `OptedOutError`.
"""
from __future__ import annotations

from typing import Any

from twilio.rest import Client

from outbound.senders import OutboxItem, PermanentSendError, SendResult
from outbound.twilio_client import provider_status, retry_transient


class TwilioSmsSender:
    channel = "sms"

    def __init__(self, client: Client, *, from_number: str, status_callback: str | None,
                 retry_wait: float = 0.5, messaging_service_sid: str | None = None) -> None:
        self._client = client
        self._from_number = from_number
        self._messaging_service_sid = messaging_service_sid
        self._status_callback = status_callback
        self._retry_wait = retry_wait

    async def send(self, item: OutboxItem) -> SendResult:
        """Create the message at Twilio; return its SID and Twilio's status (normally "queued")."""
        params = self._params(item)
        message = await retry_transient(
            lambda: self._client.messages.create_async(**params), wait=self._retry_wait
        )
        return SendResult(provider_id=message.sid, status=provider_status(message.status))

    def _params(self, item: OutboxItem) -> dict[str, Any]:
        body = item.payload.get("body")
        if not body:
            raise PermanentSendError(f"outbox item {item.id} has no SMS body", code="no_body")
        params: dict[str, Any] = {"to": item.recipient, "body": body}
        if self._messaging_service_sid:  # Twilio picks the number and queues at the service's rate
            params["messaging_service_sid"] = self._messaging_service_sid
        else:  # the pool's number the worker paced this text on (store/pacing.py), else the one number
            params["from_"] = item.sender or self._from_number
        if self._status_callback:
            params["status_callback"] = self._status_callback
        return params
