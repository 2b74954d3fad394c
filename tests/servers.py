"""Servers that tests start: poll against a deadline and raise (with the server's log) when it does not come up."""

import socket
import time
from pathlib import Path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=120, log=None):
    """Return once something accepts connections on 127.0.0.1:`port`; raise if `process` exits or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with status {process.returncode} before listening on {port}" + _tail(log)
            )
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"nothing listened on port {port} within {timeout} s" + _tail(log))
        time.sleep(0.2)


def _tail(log):
    if log is None or not Path(log).exists():
        return ""
    return "\n--- server log ---\n" + Path(log).read_text(errors="replace")[-3000:]
