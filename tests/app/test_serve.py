"""``cvbuild serve``: the preview in a real browser (headless Chromium) follows edits of the profile.

The server runs as a user starts it (a subprocess, a free port it prints); Chromium loads the
preview page once and is never told to reload: the page must do it itself when the server's
event stream says the CV changed. The browser is driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: JSON messages ending in a NUL byte on file descriptors 3 and 4),
which needs nothing beyond the standard library. Polls are bounded in number; no timing is
asserted.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import pdf_text, write

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
POLLS = 600  # × POLL_S: generous for a shared 2-core machine, still bounded
POLL_S = 0.2

PROFILE = """\
person:
  name: Oona Fairweather-Quist
  headline: Lecturer in Speculative Botany
sections:
  - title: Awards
    items:
      - {date: 2024, text: First Award}
"""


class Server:
    """``cvbuild serve`` in a subprocess; its stdout's first line names the URL."""

    def __init__(self, folder: Path, *args: str) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cvbuild", "serve", "cv.yaml", *args],
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
        )
        assert self.process.stdout is not None
        threading.Thread(target=lambda: self.lines.extend(iter(self.process.stdout.readline, "")), daemon=True).start()
        self.url = poll(
            lambda: next((w for line in self.lines for w in line.split() if w.startswith("http")), ""), self
        )

    def output(self) -> str:
        return "".join(self.lines)

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=30) as response:
            return response.read()

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


def poll(value: Callable[[], Any], server: Server, what: str = "") -> Any:
    """The first truthy ``value()``, asked at most POLLS times; the server must stay up meanwhile."""
    for _ in range(POLLS):
        got = value()
        if got:
            return got
        assert server.process.poll() is None, "cvbuild serve exited:\n" + server.output()
        time.sleep(POLL_S)
    raise AssertionError(f"gave up waiting for {what or value}; server said:\n{server.output()}")


class Browser:
    """Headless Chromium driven over ``--remote-debugging-pipe``: one page, JavaScript evaluated in it."""

    def __init__(self, profile_dir: Path) -> None:
        assert CHROMIUM is not None
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def on_fds_3_and_4() -> None:  # in the child, before exec: the pipe ends become fds 3 and 4
            read_end = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-sync",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-extensions",
                f"--user-data-dir={profile_dir}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # fds 3 and 4 must survive; every other fd Python made is close-on-exec
            preexec_fn=on_fds_3_and_4,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._next_id = 0
        self._buffer = b""
        self.session = ""

    def _messages(self) -> Iterator[dict[str, Any]]:
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                yield json.loads(raw)
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise AssertionError("Chromium closed the DevTools pipe")
            self._buffer += chunk

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        for reply in self._messages():  # events in between are not needed
            if reply.get("id") == self._next_id:
                assert "error" not in reply, reply
                return reply["result"]
        raise AssertionError("unreachable")

    def open(self, url: str) -> None:
        target = self.call("Target.createTarget", url=url)["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        os.close(self._to_browser)
        os.close(self._from_browser)


WEB_TEXT = (  # the web CV's text, inside the preview's frame
    "(() => { try { return document.getElementById('web').contentDocument.body.innerText; }"
    " catch (e) { return ''; } })()"
)
ERROR_TEXT = "(() => { const box = document.getElementById('cvbuild-error'); return box ? box.textContent : ''; })()"


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (scripts/setup-system.sh --test)")
def test_the_open_page_follows_edits_and_shows_errors(tmp_path: Path) -> None:
    profile = write(tmp_path / "cv" / "cv.yaml", PROFILE)
    server = Server(profile.parent)
    browser = Browser(tmp_path / "chromium")
    try:
        assert server.url.startswith("http://127.0.0.1:")
        browser.open(server.url)

        def web_says(words: str) -> Callable[[], bool]:
            return lambda: words in (browser.evaluate(WEB_TEXT) or "")

        poll(web_says("First Award"), server, "the first render in the page")
        assert "Oona Fairweather-Quist" in browser.evaluate(WEB_TEXT)

        write(profile, PROFILE.replace("First Award", "Second Award"))
        poll(web_says("Second Award"), server, "the page to reload itself after an edit")

        write(profile, PROFILE.replace("date: 2024", "date: Smarch 2024"))  # a bad edit: shown, not fatal
        message = poll(lambda: browser.evaluate(ERROR_TEXT), server, "the error overlay")
        assert "unknown month 'Smarch'" in message and "cv.yaml:" in message  # located: file and line
        assert "Second Award" in browser.evaluate(WEB_TEXT)  # the last good render stays

        write(profile, PROFILE.replace("First Award", "Third Award"))
        poll(web_says("Third Award"), server, "the page after the fix")
        poll(lambda: not browser.evaluate(ERROR_TEXT), server, "the overlay to go")

        state = poll(
            lambda: (s := json.loads(server.get("/state")))["pdf_version"] >= 1 and not s["problems"] and s, server
        )
        assert state["pages"] >= 1
        pdf = tmp_path / "served.pdf"
        pdf.write_bytes(server.get("/cv.pdf"))
        assert pdf.read_bytes().startswith(b"%PDF")
        poll(lambda: pdf.write_bytes(server.get("/cv.pdf")) and "Third Award" in pdf_text(pdf), server, "the new PDF")
        assert not (profile.parent / "cv.pdf").exists()  # a preview writes nothing next to the profile
    finally:
        browser.close()
        server.stop()


def test_serves_nothing_but_the_preview(tmp_path: Path) -> None:
    profile = write(tmp_path / "cv" / "cv.yaml", PROFILE)
    write(tmp_path / "cv" / "secret.txt", "not for the network")
    server = Server(profile.parent, "--format", "html")
    try:
        poll(lambda: json.loads(server.get("/state"))["html"], server, "the first render")
        page = server.get("/cv.html").decode("utf-8")
        assert "First Award" in page and "EventSource('/events')" in page
        assert b"iframe" in server.get("/")
        for path in ("/secret.txt", "/cv.yaml", "/../cv/secret.txt", "/cv.pdf"):
            with pytest.raises(urllib.error.HTTPError) as error:
                server.get(path)
            assert error.value.code == 404, path
        rebound = urllib.request.Request(server.url + "cv.html", headers={"Host": "attacker.example:80"})
        with pytest.raises(urllib.error.HTTPError) as error:  # a DNS-rebinding page cannot read the CV
            urllib.request.urlopen(rebound, timeout=30)
        assert error.value.code == 421
    finally:
        server.stop()
