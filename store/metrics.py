"""Prometheus metrics, one registry per process (never the global one, so tests can build many apps)."""
from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("http_requests_total", "HTTP requests by route and status",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("http_request_seconds", "HTTP request latency", ["route"],
                                 registry=self.registry)
        self.sends = Counter("outbox_sends_total", "Outbound sends by channel and result",
                             ["channel", "result"], registry=self.registry)
        self.outbox_depth = Gauge("outbox_jobs", "Outbox rows by channel and status (read at scrape time)",
                                  ["channel", "status"], registry=self.registry)
        self.outbox_age = Gauge("outbox_oldest_unsent_age_seconds",
                                "Age of the oldest pending or sending outbox row", registry=self.registry)
        self.inbound_groups = Gauge("inbound_text_groups",
                                    "Inbound texts grouped into shared transactions (read at scrape time): texts, "
                                    "transactions, groups rolled back and rerun one by one", ["count"],
                                    registry=self.registry)
        self._per_request: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def request_done(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count and time one request. The labelled children are looked up once per (method, route, status):
        `labels()` takes a lock and validates every call, a measurable share of a webhook's cost."""
        key = (method, route, status)
        children = self._per_request.get(key)
        if children is None:
            children = self.requests.labels(method, route, str(status)), self.latency.labels(route)
            self._per_request[key] = children
        children[0].inc()
        children[1].observe(seconds)
