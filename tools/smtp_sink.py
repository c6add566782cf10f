"""A real SMTP server on loopback for the tests: it accepts every message and
stores it, once per envelope recipient, as `<unix-millis>-<recipient>.eml`
in a folder, the way the API server writes its file outbox, so that the
same readers (the browser tests, the fuzzing stage) find it.

    python smtp_sink.py --dir OUTBOX [--port PORT] [--refuse-while FILE]
                        [--until-stdin-closes]

`--port 0` (the default) lets the system pick a port. When ready it prints
one line, `listening on 127.0.0.1:PORT`. While FILE exists, every DATA is
answered `451 4.3.0 try again later` and nothing is stored, so that a test
can make delivery fail for a while and then recover. SIGTERM or SIGINT
stops it, and so does the end of its standard input with
`--until-stdin-closes` (a test process that dies cannot leave it behind). It needs `aiosmtpd` (installed by `cargo xtask setup`).
"""

import argparse
import asyncio
import logging
import os
import secrets
import signal
import sys
import time
from pathlib import Path

from aiosmtpd.smtp import SMTP

HOST = "127.0.0.1"
REFUSAL = "451 4.3.0 try again later"
SAFE_CHARACTERS = set("@._+-")
CLOSE_TIMEOUT_SECONDS = 2


def file_name_safe(recipient: str) -> str:
    """The address, lowercased, with anything but ASCII letters, digits
    and `@._+-` replaced by `_` (as the server names its outbox files)."""
    return "".join(
        c if (c.isascii() and c.isalnum()) or c in SAFE_CHARACTERS else "_"
        for c in recipient.lower()
    )


def store(folder: Path, recipient: str, content: bytes, millis: int) -> Path:
    """Writes `content` as `<millis>-<recipient>.eml`. The file appears
    whole: it is written under a temporary name, then linked under the
    first name nobody has taken (the milliseconds go up on a collision)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = file_name_safe(recipient)
    temporary = folder / f".{millis:013}-{name}-{secrets.token_hex(8)}.tmp"
    temporary.write_bytes(content)
    try:
        while True:
            path = folder / f"{millis:013}-{name}.eml"
            try:
                os.link(temporary, path)
                return path
            except FileExistsError:
                millis += 1
    finally:
        temporary.unlink()


class Sink:
    """The aiosmtpd handler: stores every accepted message."""

    def __init__(self, folder: Path, refuse_while: Path | None):
        self.folder = folder
        self.refuse_while = refuse_while

    def refusing(self) -> bool:
        return self.refuse_while is not None and self.refuse_while.exists()

    async def handle_DATA(self, server, session, envelope):
        recipients = ", ".join(envelope.rcpt_tos)
        if self.refusing():
            say(f"refused a message to {recipients} ({self.refuse_while} exists)")
            return REFUSAL
        # One arrival time for every copy: a recipient named twice meets
        # its own first copy's name.
        millis = time.time_ns() // 1_000_000
        for recipient in envelope.rcpt_tos:
            path = store(self.folder, recipient, envelope.original_content, millis)
            say(f"stored a message to {recipient} as {path.name}")
        return "250 2.0.0 OK: stored"


def say(line: str) -> None:
    print(line, flush=True)


async def stop_at_end_of_stdin(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while await reader.read(4096):
        pass
    stop.set()


async def serve(
    port: int, folder: Path, refuse_while: Path | None, until_stdin_closes: bool
) -> None:
    loop = asyncio.get_running_loop()
    sink = Sink(folder, refuse_while)
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="tandem-smtp-sink", loop=loop),
        host=HOST,
        port=port,
    )
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    if until_stdin_closes:
        watcher = asyncio.create_task(stop_at_end_of_stdin(stop))
    bound = server.sockets[0].getsockname()[1]
    say(f"listening on {HOST}:{bound}")
    await stop.wait()
    if until_stdin_closes:
        watcher.cancel()
    server.close()
    # Newer Pythons wait here for open connections too; a client that keeps
    # one open must not hold the sink up.
    try:
        await asyncio.wait_for(server.wait_closed(), CLOSE_TIMEOUT_SECONDS)
    except TimeoutError:
        say("stopped with connections still open")
        return
    say("stopped")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, type=Path, help="where messages are stored")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--refuse-while",
        type=Path,
        metavar="FILE",
        help=f"answer `{REFUSAL}` while this file exists",
    )
    parser.add_argument(
        "--until-stdin-closes",
        action="store_true",
        help="also stop when the standard input ends",
    )
    args = parser.parse_args()
    # aiosmtpd's own log (connections, protocol errors) goes with ours.
    logging.basicConfig(
        stream=sys.stdout, level=logging.WARNING, format="%(name)s: %(message)s"
    )
    args.dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(serve(args.port, args.dir, args.refuse_while, args.until_stdin_closes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
