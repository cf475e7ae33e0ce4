"""The child side of a budgeted parse: `python -m inbound.email_parse_child MEMORY_BYTES CPU_SECONDS`.

Reads one raw email on stdin, limits its own address space (its size after start-up plus MEMORY_BYTES) and
CPU time, parses, and writes the `ParsedEmail` as JSON on stdout. The exit code says what went wrong:
`EXIT_OUT_OF_MEMORY`, `EXIT_PARSE_ERROR`; a kill (by the parent's deadline, by SIGXCPU) shows as a signal.
"""
from __future__ import annotations

import dataclasses
import json
import os
import resource
import sys

EXIT_OUT_OF_MEMORY = 3
EXIT_PARSE_ERROR = 4


def limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    """Address space: what this process has now plus the budget. CPU: a backstop should the parent be gone."""
    with open("/proc/self/statm") as statm:
        size = os.sysconf("SC_PAGE_SIZE") * int(statm.read().split()[0])
    resource.setrlimit(resource.RLIMIT_AS, (size + memory_bytes, size + memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def main(argv: list[str]) -> int:
    from inbound.email_text import parse_email  # imported before the limits: start-up is not the email's cost

    raw = sys.stdin.buffer.read()
    limit_resources(int(argv[0]), int(argv[1]))
    try:
        parsed = dataclasses.asdict(parse_email(raw))
    except MemoryError:
        return EXIT_OUT_OF_MEMORY
    except Exception:
        return EXIT_PARSE_ERROR
    sys.stdout.write(json.dumps(parsed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
