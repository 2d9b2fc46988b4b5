#!/usr/bin/env python3
"""Writes the helpdesk suite's token files in values/ (README.md, "Tokens").

Every token is an HS256 JWT signed with the suite's published test secret,
except the ones made to be refused. Deterministic: the same files on every
run (no clock, no randomness), so the suite's content hash only changes when
this script does. Python's standard library only (hmac, hashlib, base64, json).

    suite/helpdesk/tools/make-tokens.py            # rewrite values/tokens-*.txt
    suite/helpdesk/tools/make-tokens.py --check    # exit 1 when a file differs
"""
import base64
import hashlib
import hmac
import json
import pathlib
import sys

SECRET = b"helpdesk-example-secret-do-not-use-in-production"
EXP = 4102444800  # 2100-01-01T00:00:00Z
IAT = 1767225600  # 2026-01-01T00:00:00Z
READ = "tickets:read"
READ_WRITE = "tickets:read tickets:write"
WRITERS = ["alice", "bob", "carol", "dave"]
READERS = ["erin", "frank"]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def part(value: dict) -> str:
    return b64(json.dumps(value, separators=(",", ":")).encode("utf-8"))


def sign(header: dict, claims: dict, secret: bytes = SECRET, digest=hashlib.sha256) -> str:
    signing_input = part(header) + "." + part(claims)
    mac = hmac.new(secret, signing_input.encode("ascii"), digest).digest()
    return signing_input + "." + b64(mac)


HS256 = {"alg": "HS256", "typ": "JWT"}


def claims(sub, scope, exp=EXP, **extra):
    c = {"sub": sub, "scope": scope, "iat": IAT, "exp": exp}
    c.update(extra)
    return {k: v for k, v in c.items() if v is not None}


def files() -> dict:
    write = [sign(HS256, claims(s, READ_WRITE)) for s in WRITERS]
    read_only = [sign(HS256, claims(s, READ)) for s in READERS]
    good = sign(HS256, claims("mallory", READ_WRITE))
    head, body, _ = good.split(".")
    tampered = head + "." + part(claims("root", READ_WRITE)) + "." + good.split(".")[2]
    return {
        # Valid, scope tickets:read tickets:write.
        "tokens-write.txt": write,
        # Valid, scope tickets:read only: GET answers, POST is 403.
        "tokens-read-only.txt": read_only,
        # Every token a GET accepts.
        "tokens-read.txt": write + read_only,
        # Signed with another secret, or with the payload changed after signing.
        "tokens-bad-signature.txt": [
            sign(HS256, claims("alice", READ_WRITE), secret=b"not-the-published-secret"),
            sign(HS256, claims("bob", READ), secret=SECRET + b"!"),
            tampered,
        ],
        # alg none (no signature) and algorithms other than HS256 (HS384, HS512
        # signed with the right secret): all refused.
        "tokens-wrong-alg.txt": [
            part({"alg": "none", "typ": "JWT"}) + "." + part(claims("alice", READ_WRITE)) + ".",
            part({"alg": "none"}) + "." + part(claims("bob", READ_WRITE)) + "." + b64(b"x"),
            sign({"alg": "HS384", "typ": "JWT"}, claims("carol", READ_WRITE), digest=hashlib.sha384),
            sign({"alg": "HS512", "typ": "JWT"}, claims("dave", READ_WRITE), digest=hashlib.sha512),
        ],
        # Expired (2000-01-01 and 2020-01-01), well beyond any leeway.
        "tokens-expired.txt": [
            sign(HS256, claims("alice", READ_WRITE, exp=946684800)),
            sign(HS256, claims("bob", READ, exp=1577836800)),
        ],
        # Signed correctly but the claims are not valid: no sub, an empty sub,
        # a sub that is not a string, no exp, an exp that is not a number;
        # and texts that are not three base64url parts.
        "tokens-bad-claims.txt": [
            sign(HS256, claims(None, READ_WRITE)),
            sign(HS256, claims("", READ_WRITE)),
            sign(HS256, claims(42, READ_WRITE)),
            sign(HS256, claims("alice", READ_WRITE, exp=None)),
            sign(HS256, claims("bob", READ_WRITE, exp="4102444800")),
            "not-a-jwt",
            head + "." + body,
            head + ".%%%." + good.split(".")[2],
        ],
    }


def main() -> int:
    folder = pathlib.Path(__file__).resolve().parent.parent / "values"
    check = "--check" in sys.argv[1:]
    differ = False
    for name, tokens in files().items():
        text = "".join(t + "\n" for t in tokens)
        path = folder / name
        if check:
            if not path.exists() or path.read_text() != text:
                print(f"make-tokens: values/{name} differs; run suite/helpdesk/tools/make-tokens.py", file=sys.stderr)
                differ = True
        else:
            path.write_text(text)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
