"""Regenerate the pruned Twilio and Stripe OpenAPI documents the test peers serve (tests/peers/specs/).

    python scripts/prune_specs.py --twilio twilio_api_v2010.json \
        --stripe spec3.json --stripe-fixtures fixtures3.json [--out tests/peers/specs]

The inputs are the providers' published documents: Twilio's `twilio_api_v2010.json` (github.com/twilio/
twilio-oai, MIT) and Stripe's `spec3.json` with its `fixtures3.json` (github.com/stripe/openapi, MIT). Each
output keeps only the operations the project calls (`TWILIO_OPERATIONS`, `STRIPE_PATHS`) and the components
they reach, so Prism loads them in a second and the repository stays small. Either provider may be left out.

The Stripe part adapts `prune_spec.py` from the project's shared peer folder (`shared/peers/stripe/`); its
output for `STRIPE_PATHS` is byte for byte the `spec3.invoicing.json` it produced. The transforms, each needed
because of how Prism 5 behaves with Stripe's document:
- `expandable`: `anyOf[string, $ref X]` (an id, or the object when expanded) keeps only the string branch,
  which cuts most cross-object references and cycles (fine while we never pass `expand=[]` to a kept path).
- `decimal` strings get the example "0": Prism's default example "string" breaks stripe-python's Decimal.
- Nested `required` lists inside deepObject form parameters are dropped: Prism 5.14 builds
  `{"start": undefined, ...}` for every such parameter even when absent, then rejects it with 422.
- `nullable: true` without `type` becomes an `anyOf` branch `{"enum": [null]}`: ajv refuses to compile it and
  Prism then silently skips validating that response body.
- With fixtures, each kept JSON response gets Stripe's fixture object as its example (lists wrapped), and
  `default` responses a Stripe-shaped error, so Prism's mock answers realistic objects.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "tests" / "peers" / "specs"
TWILIO_OUT = "twilio_api_v2010.pruned.json"
STRIPE_OUT = "stripe_spec3.invoicing.json"

# outbound/twilio_sms.py and twilio_voice.py: messages.create and calls.create; the fetch and update (a
# call's hangup) operations of the same resources are kept for tests that look a resource up.
TWILIO_OPERATIONS: dict[str, tuple[str, ...]] = {
    "/2010-04-01/Accounts/{AccountSid}/Messages.json": ("post",),
    "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json": ("get",),
    "/2010-04-01/Accounts/{AccountSid}/Calls.json": ("post",),
    "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json": ("get", "post"),
}
# outbound/stripe_billing.py and the fake behind Prism (tests/peers/fake_stripe.py).
STRIPE_PATHS = [
    "/v1/customers", "/v1/customers/{customer}", "/v1/events", "/v1/events/{id}", "/v1/invoiceitems",
    "/v1/invoices", "/v1/invoices/{invoice}", "/v1/invoices/{invoice}/finalize", "/v1/invoices/{invoice}/pay",
    "/v1/invoices/{invoice}/send", "/v1/invoices/{invoice}/void", "/v1/refunds",
]
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
COMPONENT_SECTIONS = ("schemas", "responses", "parameters", "requestBodies")
STRIPE_ERROR_EXAMPLE = {"error": {"type": "invalid_request_error",
                                  "message": "Request does not match the Stripe OpenAPI spec (mock)"}}


# -- shared: keep what the kept paths reach ------------------------------------------------------------

def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def drop_unreachable_components(document: dict[str, Any]) -> None:
    """Keep only the components a kept path reaches, directly or through other components."""
    components = document.get("components", {})
    seen: set[str] = set()
    todo: list[Any] = [document["paths"]]
    while todo:
        for ref in _refs(todo.pop()):
            if ref not in seen:
                seen.add(ref)
                _, _, section, name = ref.split("/", 3)
                todo.append(components[section][name])
    for section in COMPONENT_SECTIONS:
        if section in components:
            components[section] = {n: s for n, s in components[section].items()
                                   if f"#/components/{section}/{n}" in seen}


def _keep_paths(document: dict[str, Any], keep: dict[str, tuple[str, ...] | None]) -> None:
    """Keep the listed paths; where methods are given, only those operations of the path."""
    missing = [path for path in keep if path not in document["paths"]]
    if missing:
        sys.exit(f"missing paths: {missing}")
    kept = {}
    for path, item in document["paths"].items():   # the document's order, not ours
        if path in keep:
            methods = keep[path]
            kept[path] = item if methods is None else {k: v for k, v in item.items()
                                                       if k not in HTTP_METHODS or k in methods}
    document["paths"] = kept


# -- Twilio ----------------------------------------------------------------------------------------------

def prune_twilio(document: dict[str, Any]) -> dict[str, Any]:
    _keep_paths(document, dict(TWILIO_OPERATIONS))
    used_tags = {tag for item in document["paths"].values() for op in item.values()
                 if isinstance(op, dict) for tag in op.get("tags", [])}
    document["tags"] = [tag for tag in document.get("tags", []) if tag.get("name") in used_tags]
    drop_unreachable_components(document)
    return document


# -- Stripe (adapted from shared/peers/stripe/prune_spec.py) ----------------------------------------------

def _stripe_transform(node: Any) -> Any:
    """The expandable, decimal and nullable rewrites of the module docstring, applied recursively."""
    if isinstance(node, list):
        return [_stripe_transform(x) for x in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "string" and node.get("format") == "decimal" and "example" not in node:
        node = dict(node, example="0")
    if "anyOf" in node and isinstance(node["anyOf"], list) and node.get("x-expansionResources"):
        strings = [x for x in node["anyOf"] if x.get("type") == "string"]
        if strings:
            stub = {k: v for k, v in node.items() if k not in ("anyOf", "x-expansionResources")}
            stub.update(strings[0])
            return stub
    if node.get("nullable") is True and "type" not in node:
        node = {k: v for k, v in node.items() if k != "nullable"}
        node = (dict(node, anyOf=node["anyOf"] + [{"enum": [None]}]) if "anyOf" in node
                else {"anyOf": [node, {"enum": [None]}]})
    return {k: _stripe_transform(v) for k, v in node.items()}


def _drop_required(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_drop_required(x) for x in node]
    return node


def _relax_deep_objects(document: dict[str, Any]) -> None:
    for item in document["paths"].values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            media = op.get("requestBody", {}).get("content", {}).get("application/x-www-form-urlencoded")
            if not media:
                continue
            properties = media["schema"].get("properties", {})
            for name, encoding in media.get("encoding", {}).items():
                if encoding.get("style") == "deepObject" and name in properties:
                    properties[name] = _drop_required(properties[name])


def _fixture_for(schema: dict[str, Any], path: str, fixtures: dict[str, Any]) -> Any:
    ref = schema.get("$ref") or (schema.get("anyOf") or [{}])[0].get("$ref")
    if ref:
        return fixtures.get(ref.rsplit("/", 1)[1])
    items = schema.get("properties", {}).get("data", {}).get("items", {}).get("$ref")
    if items and items.rsplit("/", 1)[1] in fixtures:
        return {"object": "list", "data": [fixtures[items.rsplit("/", 1)[1]]], "has_more": False, "url": path}
    return None


def _add_examples(document: dict[str, Any], fixtures: dict[str, Any]) -> None:
    for path, item in document["paths"].items():
        for op in item.values():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            for code, response in op["responses"].items():
                media = response.get("content", {}).get("application/json")
                if not media:
                    continue
                example = STRIPE_ERROR_EXAMPLE if code == "default" else _fixture_for(media["schema"], path, fixtures)
                if example is not None:
                    media["example"] = example


def prune_stripe(document: dict[str, Any], fixtures: dict[str, Any] | None) -> dict[str, Any]:
    _keep_paths(document, dict.fromkeys(STRIPE_PATHS))
    document["paths"] = {p: _stripe_transform(v) for p, v in document["paths"].items()}
    _relax_deep_objects(document)
    if fixtures:
        _add_examples(document, fixtures)
    components = document["components"]
    for section, entries in list(components.items()):
        if isinstance(entries, dict):
            components[section] = {n: _stripe_transform(s) for n, s in entries.items()}
    drop_unreachable_components(document)
    return document


# -- command line ----------------------------------------------------------------------------------------

def _write(document: dict[str, Any], out: Path) -> None:
    out.write_text(json.dumps(document), encoding="utf-8")
    print(f"{out}: {len(document['paths'])} paths, "
          f"{len(document.get('components', {}).get('schemas', {}))} schemas, {out.stat().st_size} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--twilio", type=Path, help="Twilio's twilio_api_v2010.json")
    parser.add_argument("--stripe", type=Path, help="Stripe's spec3.json")
    parser.add_argument("--stripe-fixtures", type=Path, help="Stripe's fixtures3.json (response examples)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.twilio or args.stripe):
        parser.error("give --twilio and/or --stripe")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.twilio:
        _write(prune_twilio(json.loads(args.twilio.read_text(encoding="utf-8"))), args.out / TWILIO_OUT)
    if args.stripe:
        fixtures = (json.loads(args.stripe_fixtures.read_text(encoding="utf-8"))["resources"]
                    if args.stripe_fixtures else None)
        _write(prune_stripe(json.loads(args.stripe.read_text(encoding="utf-8")), fixtures), args.out / STRIPE_OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
