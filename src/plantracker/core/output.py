"""Writing a command's output: to a file whole or not at all, or to standard output."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError


def write_output(data: bytes, output: Path | None, *, binary: bool) -> str | None:
    """Write to a file (whole or not at all), or to standard output for text formats."""
    if output is None:
        if binary and sys.stdout.isatty():
            raise CommandError("This format cannot be shown here: give --output FILE.")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return None
    tmp = output.with_name(output.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(output)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise CommandError(f"Could not write {output}: {e.strerror}.") from None
    return f"Wrote {output} ({len(data):,} bytes)."
