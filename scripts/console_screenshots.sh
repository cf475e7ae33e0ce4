#!/bin/sh
# Screenshots of the operator console (the board, a referral's page and its actions, the review inbox, money and
# queue; most at desktop and phone widths), taken by its browser tests in headless Chromium.
# Usage: scripts/console_screenshots.sh [folder]   (default: docs/screenshots)
set -e
folder="${1:-docs/screenshots}"
mkdir -p "$folder"
SCREENSHOTS="$(cd "$folder" && pwd)" .venv/bin/pytest -q -p no:cacheprovider \
    "tests/test_console_pages.py::test_admin_filters_the_board_pages_it_and_sees_a_new_referral_without_reloading[sqlite]" \
    "tests/test_console_pages.py::test_a_dispatcher_reads_the_story_adds_a_note_and_cancels_and_the_audit_says_who[sqlite]" \
    "tests/test_console_money_queue.py::test_an_admin_filters_the_ledger_sees_totals_and_downloads_the_filtered_csv[sqlite]" \
    "tests/test_console_money_queue.py::test_a_dispatcher_reads_the_queue_and_retries_a_dead_letter_which_is_audited[sqlite]" \
    "tests/test_console_review.py::test_a_dispatcher_acts_for_the_agent_and_the_agent_gets_the_echo[sqlite]" \
    "tests/test_console_referral_actions.py::test_award_then_reassign_with_a_reason_and_message_the_winner[sqlite]"
ls "$folder"
