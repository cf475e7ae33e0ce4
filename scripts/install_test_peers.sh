#!/usr/bin/env bash
# Install the local peers the test suite talks to, skipping whatever is already there.
#   - Prism (Stoplight's OpenAPI mock/proxy) under .peers/ in the project root: serves Twilio's and
#     Stripe's published specs on 127.0.0.1. `.peers/` is a build artefact and belongs in .gitignore.
#   - Debian's chromium (headless page tests) and swaks (a real SMTP client).
# Safe to run repeatedly: a second run with everything installed returns in well under a second.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRISM="$ROOT/.peers/node_modules/.bin/prism"

install_prism() {
    if [[ -x "$PRISM" ]]; then
        echo "prism: already installed ($PRISM)"
        return
    fi
    echo "prism: installing into $ROOT/.peers"
    npm install --prefix "$ROOT/.peers" --no-audit --no-fund @stoplight/prism-cli
}

install_apt_packages() {
    if [[ -x /usr/bin/chromium ]] && command -v swaks >/dev/null 2>&1; then
        echo "chromium, swaks: already installed"
        return
    fi
    local sudo=""
    if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
    echo "apt: installing chromium swaks"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium swaks
}

install_prism
install_apt_packages
