"""Prometheus metrics, one registry per process (never the global one, so tests can build many apps)."""
from __future__ import annotations

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
