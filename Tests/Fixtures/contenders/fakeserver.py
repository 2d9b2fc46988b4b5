#!/usr/bin/env python3
"""A tiny stand-in contender for battle's end-to-end tests.

    python3 fakeserver.py MODE

Serves /plaintext, /json and /db (a fixed row: this is a fake, not a suite
implementation) on BATTLE_HOST:BATTLE_PORT with keep-alive, following
docs/SUITE.md's response rules. MODE changes one behaviour:

  ok           behave
  crash        exit with status 3 CRASH_AFTER seconds after the first /json request
  hang         stop answering anything HANG_AFTER seconds after the first /json
               request, and ignore SIGTERM (battle must SIGKILL it)
  bad-json     answer /json with the wrong message
  never-ready  answer 503 everywhere
  busy         also run a child process that spins on the CPU forever
  escape       also start a grandchild in a new session that ignores SIGTERM
               and sleeps (it leaves the process group battle signals)

Every mode also serves the mini data suite (Tests/Fixtures/suites/mini)
but its `missing` test: GET /api/hello?n=N and POST /api/notes, behind
`Authorization: Bearer token-a` (or token-b); the item count is the seed's 3.

With FAKE_IGNORE_TERM=1 the server itself ignores SIGTERM too (battle must
SIGKILL it, and still find the grandchild).

When FAKE_PID_DIR is set, writes its PID there so tests can check it is gone.
"""
import json
import os
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE = sys.argv[1] if len(sys.argv) > 1 else "ok"
first_json = None
first_json_lock = threading.Lock()
stuck = threading.Event()


def after_first_json(delay, action):
    global first_json
    with first_json_lock:
        if first_json is None:
            first_json = time.monotonic()
            threading.Timer(delay, action).start()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-contender/1"
    sys_version = ""

    def setup(self):
        super().setup()
        # One response is two writes (head, body): without NODELAY, Nagle and
        # delayed ACKs add 40 ms to every request.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if stuck.is_set():
            threading.Event().wait()  # never answers
        if MODE == "never-ready":
            return self.answer(503, "not ready", "text/plain")
        path = self.path.split("?")[0]
        if path == "/plaintext":
            return self.answer(200, "Hello, World!", "text/plain")
        if path == "/json":
            if MODE == "crash":
                after_first_json(float(os.environ.get("CRASH_AFTER", "1.2")), lambda: os._exit(3))
            if MODE == "hang":
                after_first_json(float(os.environ.get("HANG_AFTER", "1.2")), stuck.set)
            message = "Hello, World" if MODE == "bad-json" else "Hello, World!"
            return self.answer(200, json.dumps({"message": message}), "application/json")
        if path == "/db":
            return self.answer(200, json.dumps({"id": 42, "randomNumber": 4242}), "application/json")
        if path == "/api/hello":
            if not self.authorized():
                return self.answer(401, json.dumps({"error": "unauthorized"}), "application/json")
            query = dict(p.split("=", 1) for p in self.path.partition("?")[2].split("&") if "=" in p)
            return self.answer(200, json.dumps({"n": int(query.get("n", "0")), "items": 3}), "application/json")
        return self.answer(404, "not found", "text/plain")

    def authorized(self):
        return self.headers.get("Authorization") in ("Bearer token-a", "Bearer token-b")


    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        if self.path.split("?")[0] == "/orders":
            return self.answer(201, json.dumps({"id": 1, "status": "created"}), "application/json")
        if self.path.split("?")[0] == "/api/notes":
            if not self.authorized():
                return self.answer(401, json.dumps({"error": "unauthorized"}), "application/json")
            return self.answer(201, json.dumps({"saved": "yes"}), "application/json")
        return self.answer(404, "not found", "text/plain")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024

    def handle_error(self, request, client_address):
        pass  # resets when the load generator closes its connections


def main():
    if MODE == "hang" or os.environ.get("FAKE_IGNORE_TERM") == "1":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    else:
        signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    pid_dir = os.environ.get("FAKE_PID_DIR")
    if pid_dir:
        with open(os.path.join(pid_dir, f"{os.getpid()}.pid"), "w") as f:
            f.write(MODE)
    if MODE == "busy" and os.fork() == 0:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        while True:
            pass
    if MODE == "escape" and os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            if pid_dir:
                with open(os.path.join(pid_dir, f"{os.getpid()}.pid"), "w") as f:
                    f.write("escaped")
            while True:
                time.sleep(1)
        os._exit(0)
    if os.environ.get("FAKE_TIER_FLAG"):
        print(f"battle-runtime: fake_tier_flag={os.environ['FAKE_TIER_FLAG']}", file=sys.stderr, flush=True)
    server = Server((os.environ.get("BATTLE_HOST", "127.0.0.1"), int(os.environ["BATTLE_PORT"])), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
