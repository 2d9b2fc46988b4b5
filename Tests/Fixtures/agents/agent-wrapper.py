#!/usr/bin/env python3
"""Stands in for `battle agent` in the coordinator's tests (--agent-battle):

    agent-wrapper.py MODE BATTLE agent

Reads the spec line from stdin (byte by byte, so nothing after it is
consumed), then for agent index 0 always, and for the others by MODE:

  real          BATTLE agent --spec FILE (the real agent, stdin/stdout inherited)
  layout        answer `ready` with another histogram layout (2 significant
                digits), then wait for stdin to end; the coordinator must refuse
  die-after:S   run the real agent as a child and SIGKILL it after S seconds,
                then exit 9: an agent that dies in the middle of its window
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

mode, battle = sys.argv[1], sys.argv[2]
line = b""
while not line.endswith(b"\n"):
    c = os.read(0, 1)
    if not c:
        sys.exit(64)
    line += c
message = json.loads(line)
spec = message["spec"]
fd, path = tempfile.mkstemp(prefix="battle-agent-spec-", suffix=".json")
with os.fdopen(fd, "w") as f:
    json.dump(spec, f)

if spec["index"] == 0 or mode == "real":
    code = subprocess.call([battle, "agent", "--spec", path])
    os.unlink(path)
    sys.exit(code)

if mode == "layout":
    layout = dict(spec["histogram"], significantDigits=2)
    ready = {"type": "ready", "ready": {
        "index": spec["index"], "version": "0.0.0-fake", "host": "fake", "clock": time.time(),
        "histogram": layout, "connections": 1, "openConnections": 1, "threads": 1, "cpus": 1}}
    sys.stdout.write(json.dumps(ready) + "\n")
    sys.stdout.flush()
    while os.read(0, 4096):
        pass
    os.unlink(path)
    sys.exit(0)

if mode.startswith("die-after:"):
    child = subprocess.Popen([battle, "agent", "--spec", path])
    time.sleep(float(mode.split(":", 1)[1]))
    child.send_signal(signal.SIGKILL)
    child.wait()
    os.unlink(path)
    sys.exit(9)

sys.exit(64)
