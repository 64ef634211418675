#!/usr/bin/env python3
"""A hostile HTTP server in front of a healthy ownerless node, for bench/hostile-upstreams.sh.

Proxies GETs to the node and misbehaves the way the current mode says. Modes (switched at run time
through the control port, so one process serves the whole benchmark):
  pass      proxy everything faithfully (the healthy reference)
  trickle   every answer: status and headers at once, then the body 1 byte every 200 ms
  endless   .ts answers: 200 without Content-Length, the real bytes, then zeros until the client hangs up
  oversize  .ts answers: the real bytes + 1 MiB, with the honest (larger) Content-Length
  seg503    .ts answers: 503; everything else proxied
  all503    every answer: 503
  stale     announce, playlists, manifests and roots: the first answer ever seen for the path, frozen
            (primed with POST /freeze); segments proxied
The control port (127.0.0.1 only) answers:
  POST /mode/NAME      switch mode and reset the counters
  POST /freeze?paths=… proxy these paths once and keep those answers for `stale`
  GET  /stats          JSON: bytes sent to clients (headers + bodies), hostile .ts answers, and for
                       each of them the bytes of body sent beyond the real segment's size
Byte counts are what this server handed to its sockets. The bytes beyond a segment's real size go out
paced (16 KiB every 10 ms, faster than any segment is needed) through a small sending buffer, so the
count shows when the client stops reading, not how much loopback TCP would queue for it unasked.
Usage: hostile_proxy.py LISTEN_PORT CONTROL_PORT NODE_PORT
"""
import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEND_BUFFER = 64 * 1024
TRICKLE_EVERY_S = 0.2
ONE_MIB = 1024 * 1024
EXCESS_CHUNK = 16 * 1024
EXCESS_EVERY_S = 0.01

state_lock = threading.Lock()
state = {"mode": "pass", "sent": 0, "hostile_ts": 0, "excess": []}
frozen = {}  # path -> (status, content type, body): the stale mode's answers


def node_get(node_port, path):
    """(status, content type, body) of the node's answer; connection failures as 502."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{node_port}{path}", timeout=10) as r:
            return r.status, r.headers.get("Content-Type", "application/octet-stream"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, "text/plain", e.read()
    except OSError as e:
        return 502, "text/plain", str(e).encode()


def count(n):
    with state_lock:
        state["sent"] += n


class Hostile(BaseHTTPRequestHandler):
    # HTTP/1.0: one answer per connection, so `endless` can omit Content-Length and a cut-off answer
    # never poisons a kept-alive connection of the client's.
    protocol_version = "HTTP/1.0"
    node_port = 0

    def log_message(self, *args):
        pass

    def setup(self):
        self.request.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        super().setup()

    def send(self, data):
        self.wfile.write(data)
        self.wfile.flush()
        count(len(data))

    def head(self, status, ctype, length):
        lines = [f"HTTP/1.0 {status} {self.responses.get(status, ('',))[0]}", f"Content-Type: {ctype}",
                 "Cache-Control: no-cache", "Connection: close"]
        if length is not None:
            lines.append(f"Content-Length: {length}")
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode())

    def do_GET(self):
        mode = state["mode"]
        path = urllib.parse.urlsplit(self.path).path
        segment = path.endswith(".ts")
        try:
            if mode == "all503" or (mode == "seg503" and segment):
                body = b"unavailable\n"
                self.head(503, "text/plain", len(body))
                self.send(body)
                return
            if mode == "stale" and not segment:
                if path not in frozen:
                    frozen[path] = node_get(self.node_port, path)
                status, ctype, body = frozen[path]
            else:
                status, ctype, body = node_get(self.node_port, path)
            if status != 200 or mode in ("pass", "stale", "seg503") or (mode != "trickle" and not segment):
                self.head(status, ctype, len(body))
                self.send(body)
                return
            if mode == "trickle":
                self.head(200, ctype, len(body))
                for i in range(len(body)):
                    self.send(body[i:i + 1])
                    time.sleep(TRICKLE_EVERY_S)
                return
            # endless or oversize, on a segment
            with state_lock:
                state["hostile_ts"] += 1
            sent_body = 0
            try:
                padding = ONE_MIB if mode == "oversize" else None  # None: for ever
                self.head(200, ctype, None if padding is None else len(body) + padding)
                self.send(body)
                sent_body = len(body)
                zeros = bytes(EXCESS_CHUNK)
                while padding is None or sent_body < len(body) + padding:
                    time.sleep(EXCESS_EVERY_S)
                    self.send(zeros)
                    sent_body += len(zeros)
            finally:
                with state_lock:
                    state["excess"].append(max(0, sent_body - len(body)))
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            pass  # the client hung up: exactly what a bounded client should do


class Control(BaseHTTPRequestHandler):
    node_port = 0

    def log_message(self, *args):
        pass

    def answer(self, obj):
        body = json.dumps(obj).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with state_lock:
            self.answer(dict(state, excess=list(state["excess"])))

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path.startswith("/mode/"):
            with state_lock:
                state.update(mode=url.path[len("/mode/"):], sent=0, hostile_ts=0, excess=[])
            self.answer({"mode": state["mode"]})
        elif url.path == "/freeze":
            for p in urllib.parse.parse_qs(url.query).get("paths", [""])[0].split(","):
                if p and p not in frozen:
                    frozen[p] = node_get(self.node_port, p)
            self.answer({"frozen": sorted(frozen)})
        else:
            self.send_error(404)


def main():
    listen, control, node = (int(a) for a in sys.argv[1:4])
    Hostile.node_port = Control.node_port = node
    ThreadingHTTPServer.daemon_threads = True
    hostile = ThreadingHTTPServer(("127.0.0.1", listen), Hostile)
    threading.Thread(target=hostile.serve_forever, daemon=True).start()
    ThreadingHTTPServer(("127.0.0.1", control), Control).serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0 if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help") else 2)
    main()
