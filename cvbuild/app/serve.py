"""``cvbuild serve``: a live preview of the CV in the browser, the web page and the PDF side by side.

The CV is rendered in this process, in memory (nothing is written to the profile's folder),
by the same loop as ``render --watch`` (:func:`cvbuild.app.watch.watch_builds`): one file
watcher, WeasyPrint kept warm, the web page rendered ahead of the PDF. A small standard-library
HTTP server in a thread serves four things:

- ``/``: the preview, the web CV in one frame and the PDF in another;
- ``/cv.html`` and ``/cv.pdf``: the last good render (the page also reloads itself when
  opened on its own);
- ``/events``: server-sent events, one ``state`` event per render or failed render, which the
  pages use to reload themselves or to show the error over the last good render;
- ``/state``: the same state as JSON.

Nothing else is served: no file of the disk is reachable through the server. It listens on
127.0.0.1 unless ``--host`` says otherwise.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import CvError
from .console import say, show

if TYPE_CHECKING:
    from ..pipeline import BuildOptions, Rendered

KEEPALIVE_S = 15.0  # an idle event stream sends a comment this often, so a closed tab is noticed
MAX_PROBLEMS = 25


@dataclass
class Preview:
    """The last good render and the last failure, shared by the render loop and the server's threads."""

    title: str
    formats: tuple[str, ...]
    html: bytes | None = None
    pdf: bytes | None = None
    pages: int = 0
    version: int = 0  # counts renders that changed what is shown
    html_version: int = 0  # … that changed the web page, the PDF: each frame reloads on its own count
    pdf_version: int = 0
    serial: int = 0  # counts every change of state, failures too: what the event streams follow
    problems: list[str] = field(default_factory=list)  # the last render's error; empty when it went well
    warnings: list[str] = field(default_factory=list)
    rendered_at: float = 0.0
    closed: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def built(self, result: Rendered, last: bool) -> None:
        with self.changed:
            if "html" in result.files:
                self.html = result.files["html"]
                self.html_version += 1
            if "pdf" in result.files:
                self.pdf, self.pages = result.files["pdf"], result.pages
                self.pdf_version += 1
            self.title = result.loaded.profile.person.name or self.title
            if last:
                self.problems = []
                self.warnings = [str(w) for w in result.warnings][:MAX_PROBLEMS]
            self.version += 1
            self.serial += 1
            self.rendered_at = time.time()
            self.changed.notify_all()

    def failed(self, error: CvError) -> None:
        with self.changed:
            self.problems = [str(p) for p in error.problems][:MAX_PROBLEMS]
            self.serial += 1
            self.changed.notify_all()

    def news_since(self, serial: int) -> bool:
        """Whether the state moved past ``serial`` (or the preview closed): an event stream has news."""
        return self.serial != serial or self.closed

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def state(self) -> dict[str, Any]:
        """What a page needs to know, as JSON (the caller holds the lock or accepts a torn read)."""
        return {
            "serial": self.serial,
            "version": self.version,
            "html_version": self.html_version,
            "pdf_version": self.pdf_version,
            "title": self.title,
            "formats": list(self.formats),
            "html": self.html is not None,
            "pdf": self.pdf is not None,
            "pages": self.pages,
            "problems": self.problems,
            "warnings": self.warnings,
            "rendered_at": self.rendered_at,
        }


# The pages' script: follow /events; reload what changed, keep the scroll position, show errors over
# the last good render. One script for the preview page and for the web CV opened on its own.
LIVE_SCRIPT = """
(function () {
  var framed = window.top !== window;
  if (framed) return;  // inside the preview page, which reloads this frame itself
  var shown = null;  // the state last seen: a frame reloads when its own count moved
  var box = null;
  function overlay(problems) {
    if (!problems.length) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement('div');
      box.id = 'cvbuild-error';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:2147483647;' +
        'background:#fff5f5;color:#5c0000;border:2px solid #c00;border-radius:6px;padding:.75rem 1rem;' +
        'font:14px/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;max-height:45vh;overflow:auto;' +
        'box-shadow:0 4px 18px rgba(0,0,0,.25)';
      document.body.appendChild(box);
    }
    box.textContent = 'The last edit did not render; showing the last good version.\\n\\n' +
      problems.map(function (p) { return 'error: ' + p; }).join('\\n');
  }
  window.cvbuildLive = function (onRender) {
    var source = new EventSource('/events');
    source.addEventListener('state', function (event) {
      var state = JSON.parse(event.data);
      if (shown !== null && state.version !== shown.version) onRender(state, shown);
      shown = state;
      overlay(state.problems);
      if (window.cvbuildStatus) window.cvbuildStatus(state);
    });
  };
  if (!document.getElementById('cvbuild-preview')) {
    window.cvbuildLive(function (state, before) {
      if (state.html_version === before.html_version) return;
      sessionStorage.setItem('cvbuild-scroll', String(window.scrollY));
      location.reload();
    });
    var y = sessionStorage.getItem('cvbuild-scroll');
    if (y !== null) { sessionStorage.removeItem('cvbuild-scroll'); window.scrollTo(0, Number(y)); }
  }
})();
"""

PREVIEW_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — cvbuild preview</title>
<style>
  html, body {{ margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; background: #e9e9ee; }}
  header {{ display: flex; gap: 1rem; align-items: baseline; padding: .4rem .8rem; background: #23232b; color: #eee; }}
  header a {{ color: #9cf; }}
  header .status {{ margin-left: auto; color: #bbb; }}
  main {{ display: flex; height: calc(100% - 2.2rem); }}
  main iframe {{ flex: 1; border: 0; background: #fff; min-width: 0; }}
  main iframe + iframe {{ border-left: 1px solid #bbb; }}
  details {{ position: fixed; top: 2.4rem; right: 1rem; max-width: 40rem; background: #fffbe6;
            border: 1px solid #d9b800; padding: .3rem .6rem; }}
  @media (max-width: 900px) {{ main {{ flex-direction: column; }} main iframe + iframe {{ border: 0; }} }}
</style>
</head>
<body id="cvbuild-preview">
<header>
  <strong>{title}</strong>
  <a href="/cv.html" target="_blank">web page</a>
  <a href="/cv.pdf" target="_blank">PDF</a>
  <span class="status" id="status">rendering…</span>
</header>
<details id="warnings" hidden><summary></summary><pre></pre></details>
<main>{frames}</main>
<script>{script}</script>
<script>
  var frames = {{ html: document.getElementById('web'), pdf: document.getElementById('pdf') }};
  function reload(state, before) {{
    var web = frames.html;
    if (web && state.html && state.html_version !== before.html_version) {{
      var y = 0;
      try {{ y = web.contentWindow.scrollY; }} catch (e) {{}}
      web.onload = function () {{ try {{ web.contentWindow.scrollTo(0, y); }} catch (e) {{}} }};
      web.src = '/cv.html?v=' + state.html_version;
    }}
    if (frames.pdf && state.pdf && state.pdf_version !== before.pdf_version) {{
      frames.pdf.src = '/cv.pdf?v=' + state.pdf_version + '#view=FitH';
    }}
  }}
  window.cvbuildStatus = function (state) {{
    var when = state.rendered_at ? new Date(state.rendered_at * 1000).toLocaleTimeString() : '';
    var text = state.problems.length ? 'error (showing the last good render)' :
      (when ? 'rendered ' + when + (state.pages ? ' · ' + state.pages + ' pages' : '') : 'rendering…');
    document.getElementById('status').textContent = text;
    var box = document.getElementById('warnings');
    box.hidden = !state.warnings.length;
    box.querySelector('summary').textContent = state.warnings.length + ' warning(s)';
    box.querySelector('pre').textContent = state.warnings.join('\\n');
  }};
  window.cvbuildLive(reload);
</script>
</body>
</html>
"""


def preview_page(preview: Preview) -> bytes:
    from html import escape

    frames = []
    if "html" in preview.formats:
        frames.append('<iframe id="web" title="web CV" src="/cv.html"></iframe>')
    if "pdf" in preview.formats:
        frames.append('<iframe id="pdf" title="PDF" src="/cv.pdf#view=FitH"></iframe>')
    script = LIVE_SCRIPT.replace("if (framed) return;", "")  # the preview page is never framed by itself
    page = PREVIEW_PAGE.format(title=escape(preview.title), frames="".join(frames), script=script)
    return page.encode("utf-8")


def with_live_script(html: bytes) -> bytes:
    """The web CV with the live-reload script before ``</body>`` (at the end if there is none)."""
    tag = b"<script>" + LIVE_SCRIPT.encode("utf-8") + b"</script>"
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


WAITING_PAGE = (
    b"<!DOCTYPE html><meta charset='utf-8'><title>cvbuild</title><body style='font:16px system-ui;margin:2rem'>"
    b"<p>No render yet: the first one is running, or the profile has an error (see the terminal).</p></body>"
)


class PreviewHandler(BaseHTTPRequestHandler):
    """GET only, five fixed paths; everything is served from memory."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass  # a request per reload would drown the render reports

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        preview = self.server.preview
        route = urlsplit(self.path).path
        if not self.server.host_allowed(self.headers.get("Host", "")):
            self._send(b"unknown host\n", "text/plain; charset=utf-8", HTTPStatus.MISDIRECTED_REQUEST)
            return
        if route == "/events" and self.command == "GET":
            self._events(preview)
            return
        with preview.changed:  # a consistent snapshot; sent after the lock is released
            html, pdf, state = preview.html, preview.pdf, preview.state()
            page = preview_page(preview) if route in ("/", "/index.html") else b""
        if page:
            self._send(page, "text/html; charset=utf-8")
        elif route == "/cv.html" and html is not None:
            self._send(with_live_script(html), "text/html; charset=utf-8")
        elif route == "/cv.html":
            self._send(with_live_script(WAITING_PAGE), "text/html; charset=utf-8", HTTPStatus.SERVICE_UNAVAILABLE)
        elif route == "/cv.pdf" and pdf is not None:
            self._send(pdf, "application/pdf")
        elif route == "/state":
            self._send(json.dumps(state).encode("utf-8"), "application/json")
        else:
            self._send(b"not found\n", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

    def _send(self, body: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _events(self, preview: Preview) -> None:
        """One ``state`` event now and after every change; a comment when idle, to notice a closed tab."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while True:
                with preview.changed:
                    preview.changed.wait_for(partial(preview.news_since, seen), timeout=KEEPALIVE_S)
                    if preview.closed:
                        return
                    fresh = preview.serial != seen
                    seen, data = preview.serial, json.dumps(preview.state())
                self.wfile.write(f"event: state\ndata: {data}\n\n".encode() if fresh else b": idle\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return


LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # open event streams do not keep the process alive
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        super().__init__(address, PreviewHandler)
        self.preview = preview
        self.loopback_only = address[0] in LOOPBACK_NAMES

    def host_allowed(self, host_header: str) -> bool:
        """On loopback, only requests addressed to a loopback name: a web page whose own name was made
        to point at 127.0.0.1 (DNS rebinding) cannot read the CV through the visitor's browser."""
        if not self.loopback_only:
            return True
        name = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
        return name.strip("[]").lower() in LOOPBACK_NAMES


class PreviewServer6(PreviewServer):
    address_family = socket.AF_INET6


@dataclass(frozen=True)
class ServeRequest:
    profile: Path
    options: BuildOptions
    host: str = "127.0.0.1"
    port: int = 0  # 0: a free port, chosen by the system


def start_server(preview: Preview, host: str, port: int) -> PreviewServer:
    """Bind and start serving in a daemon thread; a busy port or a bad host is a usage error."""
    from ..errors import Problem, UsageError

    try:
        server_class = PreviewServer6 if ":" in host else PreviewServer
        server = server_class((host, port), preview)
    except OSError as exc:
        raise UsageError(
            Problem(f"cannot listen on {host}:{port}: {exc.strerror or exc}", hint="choose another --port or --host")
        ) from None
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.5}, daemon=True).start()
    return server


def url_of(server: PreviewServer) -> str:
    host, port = server.server_address[:2]
    host = host.decode() if isinstance(host, bytes) else str(host)
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(request: ServeRequest, stop: threading.Event | None = None) -> None:
    """Serve the preview and re-render on every change until Ctrl-C (or ``stop``)."""
    from .console import run
    from .render import fail_on
    from .watch import watch_builds

    preview = Preview(title=request.profile.stem, formats=request.options.formats)
    server = run(lambda: start_server(preview, request.host, request.port))
    show(f"cvbuild: previewing {request.profile} at {url_of(server)}  (Ctrl-C to stop)")
    if request.host not in ("127.0.0.1", "localhost", "::1"):
        say(f"note: listening on {request.host}: other machines that reach it can see the CV")
    started = [time.perf_counter()]

    def built(result: Rendered, last: bool) -> None:
        preview.built(result, last)
        took = time.perf_counter() - started[0]
        kinds = "+".join(result.files)
        pages = f", {result.pages} pages" if "pdf" in result.files else ""
        say(f"rendered {kinds} in {took:.2f} s{pages}")
        if last:
            for warning in preview.warnings:
                say(f"warning: {warning}")

    def failed(error: CvError) -> None:
        preview.failed(error)
        fail_on(error)

    def round_started() -> None:
        started[0] = time.perf_counter()

    try:
        watch_builds(
            request.profile,
            request.options,
            built=built,
            failed=failed,
            stop=stop,
            starting=round_started,
            html_first=True,  # the browser shows the page first; the PDF frame reloads when it is ready
        )
    except KeyboardInterrupt:
        pass
    finally:
        preview.close()
        server.shutdown()
        server.server_close()
