#!/usr/bin/env python3
"""Fernet test vectors made with Python's `cryptography`, using Langflow 1.13's key derivation
(langflow/services/auth/utils.py: ensure_fernet_key and _ensure_legacy_fernet_key).

  python3 tests/fernet/vectors.py generate > tests/fernet/vectors.json   # regenerate the vectors
  python3 tests/fernet/vectors.py decrypt < tokens.json                  # [{secret_key, token}] -> [plaintext]
"""
import base64
import hashlib
import json
import random
import secrets
import sys

from cryptography.fernet import Fernet

MINIMUM_SECRET_KEY_LENGTH = 32


def add_base64_padding(value: str) -> str:
    remainder = len(value) % 4
    return value if remainder == 0 else value + "=" * (4 - remainder)


def ensure_fernet_key(secret_key: str) -> bytes:
    if len(secret_key) < MINIMUM_SECRET_KEY_LENGTH:
        return base64.urlsafe_b64encode(hashlib.sha256(secret_key.encode()).digest())
    return add_base64_padding(secret_key).encode()


def legacy_fernet_key(secret_key: str) -> bytes:
    legacy_random = random.Random(secret_key)
    return base64.urlsafe_b64encode(bytes(legacy_random.getrandbits(8) for _ in range(32)))


SECRET_KEYS = [
    "",
    "a",
    "short-secret",
    "clé-🔑-unicode",
    "x" * 31,
    secrets.token_urlsafe(32),
    secrets.token_urlsafe(32),
    Fernet.generate_key().decode(),
    Fernet.generate_key().decode().rstrip("="),
] + [secrets.token_urlsafe(random.randint(1, 20)) for _ in range(8)]

PLAINTEXTS = ["sk-" + secrets.token_urlsafe(32), "", "värde ✓ 🔐", "x" * 500]


def generate() -> None:
    vectors = []
    for secret_key in SECRET_KEYS:
        for plaintext in PLAINTEXTS:
            token = Fernet(ensure_fernet_key(secret_key)).encrypt(plaintext.encode()).decode()
            vectors.append({"secret_key": secret_key, "plaintext": plaintext, "token": token, "legacy": False})
        if len(secret_key) < MINIMUM_SECRET_KEY_LENGTH:
            token = Fernet(legacy_fernet_key(secret_key)).encrypt(PLAINTEXTS[0].encode()).decode()
            vectors.append({"secret_key": secret_key, "plaintext": PLAINTEXTS[0], "token": token, "legacy": True})
    json.dump(vectors, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def decrypt() -> None:
    items = json.load(sys.stdin)
    out = [Fernet(ensure_fernet_key(i["secret_key"])).decrypt(i["token"].encode()).decode() for i in items]
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    {"generate": generate, "decrypt": decrypt}[sys.argv[1]]()
