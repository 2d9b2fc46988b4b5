#!/usr/bin/env python3
"""A keep-alive HTTP/1.1 server that stalls: every answer due during a stall
leaves when the stall ends. Stalls last STALL ms and begin every PERIOD ms.
For bench/load-vs-wrk's coordinated-omission check; stdlib only.

    stall-server.py --port 8081 --period-ms 2000 --stall-ms 200
"""
import argparse
import asyncio
import time

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--period-ms", type=float, default=2000)
    ap.add_argument("--stall-ms", type=float, default=200)
    args = ap.parse_args()
    period = args.period_ms / 1000
    stall = args.stall_ms / 1000
    epoch = time.monotonic()

    def release_time(now):
        """When an answer due at `now` may leave."""
        phase = (now - epoch) % period
        return now + (stall - phase) if phase < stall else now

    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                if length:
                    await reader.readexactly(length)
                wait = release_time(time.monotonic()) - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(RESPONSE)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def serve():
        server = await asyncio.start_server(handle, "127.0.0.1", args.port, backlog=4096)
        print(f"stall-server: port {args.port}, {args.stall_ms:.0f} ms stall every {args.period_ms:.0f} ms", flush=True)
        async with server:
            await server.serve_forever()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
