"""Load a page in headless Chromium and report what went wrong, through the DevTools protocol.

Chromium is driven over ``--remote-debugging-pipe`` (JSON messages separated by NUL bytes on
file descriptors 3 and 4), so no websocket library is needed. Every host name resolves to
nothing (``--host-resolver-rules``): a page that needs the network fails here as it would
offline. :func:`page_problems` returns console errors, uncaught exceptions, log errors
("Failed to load resource …") and failed requests.
"""
from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--mute-audio",
         "--host-resolver-rules=MAP * ~NOTFOUND"]


def chromium() -> str | None:
    """The path of a Chromium-like browser, or None."""
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


class _Pipe:
    def __init__(self, browser: str, profile: str):
        to_r, self._to_w = os.pipe()
        self._from_r, from_w = os.pipe()

        def onto_3_and_4():  # in the child: the pipe ends where Chromium looks for them
            # copies above 9 first, so that neither end is overwritten if it is itself 3 or 4
            high_r, high_w = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_r, from_w))
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        # fds 3 and 4 are open in this process (at least the four pipe ends are), so they are
        # valid to keep; the child's copies are replaced by the pipe ends before exec
        self.proc = subprocess.Popen([browser, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}",
                                      "about:blank"], preexec_fn=onto_3_and_4, pass_fds=(3, 4),
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE if os.environ.get("BROWSER_DEBUG") else subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self._id, self._buffer, self.events = 0, b"", []

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for reply in self._read(deadline):
                if reply.get("id") == self._id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply.get("result", {})
        raise TimeoutError(f"Chromium did not answer {method} in {timeout} s")

    def wait(self, method: str, timeout: float) -> bool:
        """Read events until *method* arrives (True) or *timeout* seconds pass (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(m.get("method") == method for m in self._read(deadline)):
                return True
        return False

    def _read(self, deadline: float) -> list[dict]:
        ready, _, _ = select.select([self._from_r], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return []
        chunk = os.read(self._from_r, 1 << 20)
        if not chunk:
            raise RuntimeError("Chromium closed the DevTools pipe")
        self._buffer += chunk
        *messages, self._buffer = self._buffer.split(b"\0")
        parsed = [json.loads(m) for m in messages if m]
        self.events += [m for m in parsed if "method" in m]
        return parsed

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_w)
        os.close(self._from_r)


def page_problems(path: Path, *, browser: str | None = None, settle: float = 1.0,
                  timeout: float = 60) -> list[str]:
    """Everything that went wrong loading ``file://`` *path*: one line per console error,
    uncaught exception, error log entry and failed request."""
    browser = browser or chromium()
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        pipe = _Pipe(browser, profile)
        try:
            target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Runtime", "Log", "Network", "Page"):
                pipe.send(f"{domain}.enable", session=session)
            pipe.send("Page.navigate", {"url": Path(path).resolve().as_uri()}, session=session)
            if not pipe.wait("Page.loadEventFired", timeout):
                return [f"the page did not finish loading in {timeout} s"]
            pipe.wait("never", settle)  # late console messages and requests
        finally:
            pipe.close()
    return [line for event in pipe.events if (line := _problem(event))]


def _problem(event: dict) -> str | None:
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
        return f"console.{params['type']}: {text}"
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        return f"uncaught: {details.get('exception', {}).get('description') or details.get('text')}"
    if method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
        entry = params["entry"]
        return f"log: {entry.get('text')} {entry.get('url', '')}".strip()
    if method == "Network.loadingFailed":
        return f"failed request: {params.get('errorText')} ({params.get('type')})"
    return None
