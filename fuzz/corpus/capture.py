#!/usr/bin/env python3
"""Captures the seed corpus: real response streams from nginx and from
Python's http.server, as the bytes a client socket received.

    python3 fuzz/corpus/capture.py     # rewrites fuzz/corpus/responses/*

Each seed file is one control byte (bit 0 set: the requests were HEAD; the
other bits pick where the fuzz targets cut the stream into reads) followed by
everything the server sent on one connection: Content-Length, chunked (nginx
gzip), 204, 304, HEAD, pipelined keep-alive, Connection: close, 100 Continue,
and HTTP/1.0 read-to-close. Loopback only.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "responses")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def exchange(port, requests, quiet=0.3):
    """Sends all requests in one write (pipelined), returns what came back until close or quiet."""
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"".join(requests))
    s.settimeout(quiet)
    data = b""
    end = time.time() + 5
    while time.time() < end:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
    s.close()
    return data


def req(method, path, headers=(), body=b""):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"] + list(headers)
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


NGINX_CONF = """
worker_processes 1;
daemon off;
error_log {dir}/error.log;
pid {dir}/nginx.pid;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fcgi;
  uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  gzip on; gzip_min_length 1; gzip_types text/plain application/json;
  server {{
    listen 127.0.0.1:{port};
    root {dir}/www;
    location = /empty {{ return 204; }}
    location = /hello {{ default_type text/plain; return 200 "Hello, World!"; }}
    location = /missing {{ return 404; }}
  }}
}}
"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/close":
            # HTTP/1.0 style: no length, the body ends when the server closes.
            self.protocol_version = "HTTP/1.0"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"read to close\n" * 20)
            self.close_connection = True
            return
        body = b'{"message":"Hello, World!"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        # Expect: 100-continue is answered by http.server itself before this runs.
        n = int(self.headers.get("Content-Length", "0"))
        data = self.rfile.read(n)
        self.send_response(201)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.unlink(os.path.join(OUT, f))
    tmp = tempfile.mkdtemp(prefix="battle-fuzz-capture-")
    os.chmod(tmp, 0o755)  # nginx workers run as another user
    os.makedirs(tmp + "/www")
    with open(tmp + "/www/file.txt", "w") as f:
        f.write("a static file for 304 and HEAD\n" * 40)
    nport = free_port()
    with open(tmp + "/nginx.conf", "w") as f:
        f.write(NGINX_CONF.format(dir=tmp, port=nport))
    nginx = subprocess.Popen(["nginx", "-c", tmp + "/nginx.conf"], stderr=subprocess.DEVNULL)
    pport = free_port()
    py = HTTPServer(("127.0.0.1", pport), Handler)
    threading.Thread(target=py.serve_forever, daemon=True).start()
    try:
        time.sleep(0.5)
        etag_resp = exchange(nport, [req("GET", "/file.txt", ["Connection: close"])])
        etag = next(l.split(b": ", 1)[1].decode() for l in etag_resp.split(b"\r\n") if l.lower().startswith(b"etag:"))
        seeds = {
            "nginx-content-length": (0, nport, [req("GET", "/hello", ["Connection: close"])]),
            "nginx-static-file": (0, nport, [req("GET", "/file.txt", ["Connection: close"])]),
            "nginx-chunked-gzip": (0, nport, [req("GET", "/file.txt", ["Accept-Encoding: gzip", "Connection: close"])]),
            "nginx-204": (0, nport, [req("GET", "/empty", ["Connection: close"])]),
            "nginx-304": (0, nport, [req("GET", "/file.txt", [f"If-None-Match: {etag}", "Connection: close"])]),
            "nginx-404": (0, nport, [req("GET", "/missing", ["Connection: close"])]),
            "nginx-head": (1, nport, [req("HEAD", "/file.txt", ["Connection: close"])]),
            "nginx-head-pipelined": (1, nport, [req("HEAD", "/hello"), req("HEAD", "/file.txt", ["Connection: close"])]),
            "nginx-pipelined": (
                0x2a, nport,
                [req("GET", "/hello"), req("GET", "/empty"), req("GET", "/file.txt", ["Accept-Encoding: gzip"]),
                 req("GET", "/file.txt", [f"If-None-Match: {etag}"]), req("GET", "/hello", ["Connection: close"])]),
            "python-content-length": (0, pport, [req("GET", "/json", ["Connection: close"])]),
            "python-read-to-close": (0, pport, [req("GET", "/close")]),
            "python-100-continue": (
                0x10, pport, [req("POST", "/echo", ["Expect: 100-continue", "Connection: close"], b"order=1&qty=2")]),
            "python-pipelined": (0x36, pport, [req("GET", "/json"), req("GET", "/json"), req("GET", "/close")]),
        }
        for name, (control, port, requests) in seeds.items():
            data = exchange(port, requests)
            assert data.startswith(b"HTTP/1."), (name, data[:40])
            with open(os.path.join(OUT, name), "wb") as f:
                f.write(bytes([control]) + data)
            print(f"{name}: {len(data)} bytes")
    finally:
        nginx.terminate()
        nginx.wait()
        py.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
