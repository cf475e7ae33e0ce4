#!/bin/sh
# Screenshots of the operator console (the board and a referral's page), taken by its browser test in headless Chromium.
# Usage: scripts/console_screenshots.sh [folder]   (default: docs/screenshots)
set -e
folder="${1:-docs/screenshots}"
mkdir -p "$folder"
SCREENSHOTS="$(cd "$folder" && pwd)" .venv/bin/pytest -q -p no:cacheprovider \
    "tests/test_console_pages.py::test_admin_filters_the_board_pages_it_and_sees_a_new_referral_without_reloading[sqlite]" \
    "tests/test_console_pages.py::test_a_dispatcher_reads_the_story_adds_a_note_and_cancels_and_the_audit_says_who[sqlite]"
ls "$folder"
