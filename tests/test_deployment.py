"""The deployment files as an operator uses them: compose.yaml runs migrate, then web, worker and smtp against a
PostgreSQL service, with the environment every process needs and health checks; the Dockerfile builds a non-root
image of the package with `referral-bot` as its entry point. (Here the files' contents are checked;
tests/test_image.py builds-and-runs the image where buildah is available.)"""
from __future__ import annotations

import re
import tomllib
from dataclasses import fields

import yaml

from store.settings import Settings
from tests.conftest import ROOT

APP_SERVICES = {"migrate": ["migrate"], "web": ["web"], "worker": ["worker"], "smtp": ["smtp"]}
SETTINGS = {f.name.upper() for f in fields(Settings)}
RUNTIME_ONLY = {"LOG_LEVEL"}  # read by the command line itself, not by Settings


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def dockerfile() -> list[str]:
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def substitute(value: str) -> str:
    """What compose makes of the file when the operator sets only the required variables: `${NAME:?why}` gets a
    long random-looking value, `${NAME:-default}` its default."""
    def one(match: re.Match[str]) -> str:
        name, kind, rest = match.group(1), match.group(2), match.group(3)
        return f"{name.lower()}-" + "x" * 32 if kind == "?" else rest
    return re.sub(r"\$\{([A-Z_]+):([-?])([^}]*)\}", one, value)


def test_compose_runs_migrate_web_worker_and_smtp_against_postgres():
    services = compose()["services"]
    assert set(services) == {"postgres", *APP_SERVICES}
    assert services["postgres"]["image"].startswith("postgres:")
    for name, command in APP_SERVICES.items():
        assert services[name]["command"] == command, name
        assert services[name]["image"] == "referral-bot:latest" and services[name]["build"] == "."
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert services["migrate"]["restart"] == "no"  # a one-off: it must end, not loop
    for name in ("web", "worker", "smtp"):
        assert services[name]["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}, name


def test_every_process_gets_the_database_and_secrets_and_only_variables_that_exist():
    services = compose()["services"]
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql://referrals:") and "@postgres:5432/referrals" in env[
            "DATABASE_URL"], name
        assert {"ADMIN_TOKEN", "SECRET_KEY", "PUBLIC_BASE_URL"} <= set(env), name
        assert set(env) - SETTINGS - RUNTIME_ONLY == set(), f"{name}: variables no setting reads"
        settings = Settings.from_env({key: substitute(str(value)) for key, value in env.items()})
        assert settings.database_url.endswith("@postgres:5432/referrals")
        settings.require_admin_token()
        settings.require_safe_secrets()
        assert settings.shutdown_seconds == 10.0


def test_web_and_smtp_have_health_checks_and_postgres_is_waited_for():
    services = compose()["services"]
    web_check = " ".join(services["web"]["healthcheck"]["test"])
    assert "/healthz" in web_check and ":8080" in web_check
    assert "2525" in " ".join(services["smtp"]["healthcheck"]["test"])
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    grace = int(services["web"]["stop_grace_period"].rstrip("s"))
    assert grace > float(services["web"]["environment"]["SHUTDOWN_SECONDS"].split(":-")[1].rstrip("}"))


def test_every_variable_compose_sets_is_documented_in_its_header():
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    header = text.split("x-app:")[0]
    env = compose()["services"]["web"]["environment"]
    undocumented = [name for name in env if name != "DATABASE_URL" and name not in header]
    assert undocumented == []


def test_the_image_is_the_package_on_slim_python_run_as_a_user_with_the_cli_as_entry_point():
    lines = dockerfile()
    assert lines[:2] == ["ARG BASE_IMAGE=python:3.11-slim", "FROM ${BASE_IMAGE}"]
    user = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert user and user[-1] not in ("root", "0")
    assert 'ENTRYPOINT ["referral-bot"]' in lines
    assert any(line.startswith("RUN pip install .") for line in lines)
    env = " ".join(line for line in lines if line.startswith("ENV "))
    assert "HOST=0.0.0.0" in env and "SMTP_HOST=0.0.0.0" in env  # reachable from the other containers


def test_the_image_copies_every_package_the_project_installs():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = {pattern.rstrip("*") for pattern in project["tool"]["setuptools"]["packages"]["find"]["include"]}
    copied = {line.split()[1] for line in dockerfile() if line.startswith("COPY ")}
    assert packages <= copied
    assert project["project"]["scripts"]["referral-bot"] == "referral_bot.cli:main"
