#!/usr/bin/env python3
"""A token issuer for a CNCF Distribution registry configured with `auth: token`, for tests only.

GET /token?service=S&scope=repository:NAME:ACTIONS[&scope=...] answers {"token": JWT, ...}:
an RS256 JWT whose header carries the signing certificate (x5c), so a registry whose
rootcertbundle holds that certificate accepts it. Basic credentials USER:PASSWORD (from the
command line) get every action they ask for; a request without credentials gets a token that
grants nothing, as public registries do for private repositories; wrong credentials get 401.
"""
import argparse
import base64
import hmac
import json
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

GRANTABLE = {"pull", "push", "delete", "*"}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def parse_scope(scope: str):
    """repository:team/app:pull,push -> {type, name, actions}; None when malformed."""
    kind, _, rest = scope.partition(":")
    name, _, actions = rest.rpartition(":")
    if not kind or not name or not actions:
        return None
    return {"type": kind, "name": name, "actions": [a for a in actions.split(",") if a in GRANTABLE]}


class Issuer:
    def __init__(self, key_file, cert_file, issuer, user, password, lifetime):
        with open(key_file, "rb") as f:
            self.key = serialization.load_pem_private_key(f.read(), password=None)
        with open(cert_file, "rb") as f:
            cert = x509.load_pem_x509_certificate(f.read())
        self.x5c = [base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii")]
        self.issuer, self.user, self.password, self.lifetime = issuer, user, password, lifetime

    def check(self, authorization):
        """True for the configured user, False for anyone else, None without credentials."""
        if not authorization:
            return None
        scheme, _, encoded = authorization.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded).decode("utf-8").partition(":")
        except ValueError:
            return False
        return hmac.compare_digest(user, self.user) and hmac.compare_digest(password, self.password)

    def token(self, service, subject, access):
        now = int(time.time())
        header = {"typ": "JWT", "alg": "RS256", "x5c": self.x5c}
        claims = {"iss": self.issuer, "sub": subject, "aud": service, "exp": now + self.lifetime,
                  "nbf": now - 10, "iat": now, "jti": str(uuid.uuid4()), "access": access}
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        signature = self.key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + b64url(signature)


def handler(issuer: Issuer):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlparse(self.path)
            if url.path != "/token":
                return self.answer(404, {"error": "not found"})
            query = parse_qs(url.query)
            allowed = issuer.check(self.headers.get("Authorization"))
            if allowed is False:
                return self.answer(401, {"error": "invalid credentials"})
            requested = [s for s in (parse_scope(v) for v in query.get("scope", [])) if s]
            access = requested if allowed else []
            token = issuer.token(query.get("service", [""])[0], issuer.user if allowed else "", access)
            self.answer(200, {"token": token, "access_token": token, "expires_in": issuer.lifetime,
                              "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:5104")
    parser.add_argument("--key", required=True, help="PEM RSA private key that signs tokens")
    parser.add_argument("--cert", required=True, help="PEM certificate of that key (the registry's rootcertbundle)")
    parser.add_argument("--issuer", default="gate-test-issuer")
    parser.add_argument("--user", default="gate")
    parser.add_argument("--password", default="gate-secret")
    parser.add_argument("--lifetime", type=int, default=300, help="token lifetime in seconds")
    args = parser.parse_args()
    host, _, port = args.listen.rpartition(":")
    issuer = Issuer(args.key, args.cert, args.issuer, args.user, args.password, args.lifetime)
    ThreadingHTTPServer((host, int(port)), handler(issuer)).serve_forever()


if __name__ == "__main__":
    main()
