"""Run localstripe (PyPI, a stateful fake Stripe) on 127.0.0.1 only, starting from an empty store.

`localstripe`'s own command line listens on every interface and reloads the store it pickles after each write;
this serves the same aiohttp application on loopback and clears the store first.
Usage: python tests/peers/run_localstripe.py PORT
"""
from __future__ import annotations

import sys

from aiohttp import web
from localstripe.resources import store
from localstripe.server import app  # importing the module registers the routes


def main(port: int) -> None:
    store.clear()
    web.run_app(app, host="127.0.0.1", port=port, print=None)


if __name__ == "__main__":
    main(int(sys.argv[1]))
