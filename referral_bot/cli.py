"""`referral-bot`: the command line. Each subcommand builds its settings once and wires its adapters."""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from store.settings import Settings, SettingsError


class UsageError(Exception):
    """A mistake in what the command was given (a flag's value, a file): the message says which."""


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except (SettingsError, UsageError) as exc:
        return _user_mistake(str(exc))


def _user_mistake(message: str) -> int:
    """One line on stderr and exit status 2: a user's mistake is not a crash, so no traceback."""
    print(f"referral-bot: {' '.join(message.split())}", file=sys.stderr, flush=True)
    return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="referral-bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="web, SMTP, worker and scheduler in one process")
    _add_listen_flags(run, smtp=True)
    run.add_argument("--demo", action="store_true", help="load a small demo network into an empty store")
    run.set_defaults(func=cmd_run)
    web = sub.add_parser("web", help="the HTTP server (webhooks, pages, operator API)")
    _add_listen_flags(web, smtp=False)
    web.set_defaults(func=cmd_web)
    smtp = sub.add_parser("smtp", help="the inbound SMTP server for email replies")
    smtp.add_argument("--host")
    smtp.add_argument("--smtp-port", type=int)
    smtp.set_defaults(func=cmd_smtp)
    sub.add_parser("worker", help="drain the outbox and run periodic jobs").set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    reconcile = sub.add_parser("reconcile", help="repair missed Stripe and Twilio webhooks, report mismatches")
    reconcile.add_argument("--since", default="48h", help="how far back to look (48h, 2d, 90m)")
    reconcile.set_defaults(func=cmd_reconcile)
    prune = sub.add_parser("prune", help="empty message bodies and raw emails older than an age")
    prune.add_argument("--older-than", required=True, help="an age like 365d or 2160h")
    prune.add_argument("--dry-run", action="store_true", help="only count what would be pruned")
    prune.set_defaults(func=cmd_prune)
    _add_data_commands(sub)
    parse = sub.add_parser("parse", help="parse messages (one per line on stdin) into intents, as JSON lines")
    parse.add_argument("--channel", choices=["sms", "email", "voice"], default="sms")
    parse.add_argument("--now", help="ISO-8601 time that relative dates are computed from")
    parse.add_argument("--explain", action="store_true",
                       help="add per message what was recognised and why: rule, score, alternatives")
    parse.set_defaults(func=cmd_parse)
    parse_email = sub.add_parser("parse-email", help="parse RFC 5322 files into intents, as JSON lines")
    parse_email.add_argument("--now")
    parse_email.add_argument("files", nargs="+")
    parse_email.set_defaults(func=cmd_parse_email)
    _add_operators_command(sub)
    _add_corpus_command(sub)
    return parser


def _add_data_commands(sub: Any) -> None:
    redact = sub.add_parser("redact", help="redact a closed referral's client contact details (audited)")
    redact.add_argument("--referral", required=True, help="the referral's id")
    redact.add_argument("--operator", help="the admin on whose request (an operator's email), for the audit log")
    redact.set_defaults(func=cmd_redact)
    export = sub.add_parser("export", help="referrals, offers, outcomes and ledger rows as CSV files")
    export.add_argument("--since", required=True, help="how far back (30d, 72h)")
    export.add_argument("--out", help="the folder to write into (default: ./export-YYYY-MM-DD)")
    export.add_argument("--with-contacts", action="store_true",
                        help="include the clients' names, phones and emails (needs --operator, an admin)")
    export.add_argument("--operator", help="the admin exporting (an operator's email), for the audit log")
    export.set_defaults(func=cmd_export)


def cmd_redact(args: argparse.Namespace) -> int:
    from referral_bot import data_commands

    raw = args.referral.strip()
    if not (raw.isascii() and raw.isdigit() and 0 < int(raw) < 2**31):
        raise UsageError(f"--referral: {args.referral!r} is not a referral id")
    try:
        print(asyncio.run(data_commands.redact(load_settings(args), int(raw), args.operator)))
    except data_commands.Refused as exc:
        raise UsageError(str(exc)) from None
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from referral_bot import data_commands
    from referral_bot.reconcile import parse_window

    try:
        window = parse_window(args.since)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.with_contacts and not args.operator:
        raise UsageError("--with-contacts needs --operator EMAIL: an admin chooses to export clients' details")
    try:
        counts = asyncio.run(data_commands.export(load_settings(args), window, args.out,
                                                  with_contacts=args.with_contacts, operator=args.operator))
    except data_commands.Refused as exc:
        raise UsageError(str(exc)) from None
    print(json.dumps(counts))
    return 0


def _add_corpus_command(sub: Any) -> None:
    corpus = sub.add_parser("corpus", help="the parser corpus")
    actions = corpus.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="resolved review items as labelled examples (tests/parser_corpus)")
    export.add_argument("--out", help="write to this file instead of stdout")
    export.set_defaults(func=cmd_corpus_export)


def cmd_corpus_export(args: argparse.Namespace) -> int:
    """Each review item an operator resolved becomes a row in the parser corpus's format: the message, and the
    intent the operator ran for it (or `unknown` when a reply or a dismissal was right). A header line first;
    append the other lines to tests/parser_corpus/tune.tsv to make the messages the bot missed tests."""
    from bot.review import CORPUS_COLUMNS, corpus_line
    from referral_bot import service

    rows = asyncio.run(service.corpus_examples(load_settings(args)))
    lines = ["\t".join(CORPUS_COLUMNS), *(corpus_line(row) for row in rows)]
    text = "\n".join(lines) + "\n"
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            raise UsageError(f"{args.out}: cannot write: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    print(f"{len(rows)} labelled examples", file=sys.stderr)
    return 0


def _add_operators_command(sub: Any) -> None:
    operators = sub.add_parser("operators", help="console operator accounts")
    actions = operators.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add an operator (the password from a prompt, or --password-stdin)")
    add.add_argument("email")
    add.add_argument("--role", choices=["admin", "dispatcher", "viewer"], default="viewer")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    add.set_defaults(func=cmd_operators_add)


def cmd_operators_add(args: argparse.Namespace) -> int:
    """Create an operator account; run `migrate` first. The password never appears on the command line."""
    import getpass

    from referral_bot import service

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Again: "):
            raise UsageError("the two passwords differ")
    if len(password) < 10:
        raise UsageError("the password needs at least 10 characters")
    if "@" not in args.email or len(args.email) > 320:
        raise UsageError(f"{args.email!r} is not an email address")
    settings = load_settings(args)
    operator_id = asyncio.run(service.add_operator(settings, args.email, password, args.role))
    print(f"operator {operator_id} {args.email.strip().lower()} ({args.role}) added")
    return 0


def _add_listen_flags(parser: argparse.ArgumentParser, *, smtp: bool) -> None:
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    if smtp:
        parser.add_argument("--smtp-port", type=int)


def load_settings(args: argparse.Namespace) -> Settings:
    overrides = {k: getattr(args, k, None) for k in ("host", "port", "smtp_port")}
    return Settings.from_env(os.environ, **overrides)


# -- processes ---------------------------------------------------------------------------------
def cmd_run(args: argparse.Namespace) -> int:
    from referral_bot import service

    settings = load_settings(args)
    if args.demo and not settings.admin_token:
        settings = asyncio.run(service.with_demo_token(settings))  # kept in the demo database
    settings.require_admin_token()
    settings.require_safe_secrets()
    return _serve(service.run_all(settings, demo=args.demo))


def cmd_web(args: argparse.Namespace) -> int:
    from referral_bot import service

    settings = load_settings(args)
    settings.require_admin_token()
    settings.require_safe_secrets()
    return _serve(service.run_parts(settings, web=True))


def cmd_smtp(args: argparse.Namespace) -> int:
    from referral_bot import service

    settings = load_settings(args)
    settings.require_safe_secrets()
    return _serve(service.run_parts(settings, smtp=True))


def cmd_worker(args: argparse.Namespace) -> int:
    from referral_bot import service

    settings = load_settings(args)
    settings.require_safe_secrets()
    return _serve(service.run_parts(settings, worker=True, scheduler=True))


def cmd_migrate(args: argparse.Namespace) -> int:
    from referral_bot import service

    settings = load_settings(args)
    asyncio.run(service.migrate(settings))
    print(f"migrated {service.safe_url(settings.database_url)}")
    return 0


def cmd_reconcile(args: argparse.Namespace) -> int:
    from referral_bot import service
    from referral_bot.reconcile import parse_window

    try:
        window = parse_window(args.since)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    report = asyncio.run(service.reconcile(load_settings(args), window))
    print(json.dumps(report, default=str))
    return 0


def cmd_prune(args: argparse.Namespace) -> int:
    from referral_bot import service
    from referral_bot.reconcile import parse_window

    try:
        age = parse_window(args.older_than)
    except ValueError as exc:
        raise UsageError(str(exc).replace("--since", "--older-than")) from None
    counts = asyncio.run(service.prune(load_settings(args), age, dry_run=args.dry_run))
    print(json.dumps({**counts, "dry_run": args.dry_run}))
    return 0


def _serve(main_coro: Any) -> int:
    from referral_bot.logs import configure_logging

    configure_logging(os.environ.get("LOG_LEVEL", "INFO"))
    loop = asyncio.new_event_loop()
    task = loop.create_task(main_coro)
    stopping: list[int] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, _stop_once, task, stopping)
    try:
        loop.run_until_complete(task)
    except asyncio.CancelledError:
        pass
    finally:
        loop.close()
    return 0


def _stop_once(task: asyncio.Task[Any], stopping: list[int]) -> None:
    """The first SIGTERM/SIGINT starts the graceful stop; a second one must not cut that stop short (the
    stop is bounded by SHUTDOWN_SECONDS anyway)."""
    if not stopping:
        stopping.append(1)
        task.cancel()


# -- parsing -----------------------------------------------------------------------------------
def _now(raw: str | None) -> datetime:
    if not raw:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--now {raw!r} is not an ISO-8601 time (like 2026-11-22T12:00:00Z)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cmd_parse(args: argparse.Namespace) -> int:
    from bot.intents import intent_to_json
    from bot.parser import read_text

    now = _now(args.now)
    for line in sys.stdin:
        reading = read_text(line.rstrip("\n"), args.channel, now)
        result = intent_to_json(reading.intent)
        if args.explain:
            result["explain"] = {"rule": reading.rule, "score": reading.score,
                                 "alternatives": list(reading.alternatives)}
        print(json.dumps(result), flush=True)
    return 0


def cmd_parse_email(args: argparse.Namespace) -> int:
    now = _now(args.now)
    for path in args.files:
        print(json.dumps({**email_row(_read_file(path), now), "file": path}), flush=True)
    return 0


def email_row(raw: bytes, now: datetime) -> dict[str, Any]:
    """What `parse-email` prints for one message (less its file name): the intent, the reply, the flag."""
    from bot.intents import Unknown, intent_to_json
    from bot.parser import parse_text
    from inbound.email_text import parse_email

    parsed = parse_email(raw)
    intent = Unknown("auto_reply") if parsed.auto_reply else parse_text(parsed.reply, "email", now)
    return {**intent_to_json(intent), "reply": parsed.reply, "auto_reply": parsed.auto_reply}


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None


if __name__ == "__main__":
    raise SystemExit(main())
