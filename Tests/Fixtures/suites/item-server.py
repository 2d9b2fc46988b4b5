#!/usr/bin/env python3
"""The service the skeleton of `battle suite new` describes: GET /items/ID
answers {"id":ID,"name":"Item ID"}, anything else 404. For SuiteCommandTests.

Usage: item-server.py PORTFILE [broken]
Binds 127.0.0.1 on a free port, writes the port to PORTFILE, serves until
killed. With `broken`, names are off by one (the `field /name` check fails).
"""
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BROKEN = len(sys.argv) > 2 and sys.argv[2] == "broken"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "item-server"

    def do_GET(self):
        m = re.fullmatch(r"/items/(\d+)", self.path)
        if m:
            i = int(m.group(1))
            body = json.dumps({"id": i, "name": "Item %d" % (i + 1 if BROKEN else i)}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
        else:
            body = b"not found"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os

os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
