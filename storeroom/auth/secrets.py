"""Passwords (argon2) and random keys (tokens, sessions, CSRF), stored only as hashes.

Keys are 160 random bits, so one SHA-256 is enough to make a stolen table useless; passwords are
low-entropy and get argon2's deliberately slow hash. That hash takes tens of milliseconds of CPU,
so a request's check runs in a worker thread (a few at once), never on the event loop, and a
credential just verified is remembered for a short while (`PasswordChecker`): a Basic client sends
its password with every request.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections import OrderedDict

import anyio
import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when the user does not exist, so timing does not reveal which names exist.
_DUMMY_HASH = _hasher.hash("storeroom-dummy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def new_key() -> str:
    return secrets.token_hex(20)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def same_hash(left: str, right: str) -> bool:
    return hmac.compare_digest(left, right)


class PasswordChecker:
    """Verifies passwords off the event loop, at most `threads` at a time, and remembers each
    credential it verified for `remember_seconds`. What it remembers is an HMAC of username and
    password under a key made for this process, mapped to the password hash it matched: a new
    password (a new hash) forgets it at once, and nothing kept could be used to log in."""

    def __init__(
        self, threads: int = 0, remember_seconds: float = 30.0, remembered: int = 10_000
    ) -> None:
        self.threads = threads or min(4, os.cpu_count() or 1)
        self.remember_seconds = remember_seconds
        self.size = remembered
        self._key = secrets.token_bytes(32)
        self._verified: OrderedDict[bytes, tuple[str, float]] = OrderedDict()
        # Made on first use, in the running event loop.
        self._limiter: anyio.CapacityLimiter | None = None

    def _digest(self, username: str, password: str) -> bytes:
        message = f"{len(username)}:{username}:{password}".encode()
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def remembers(self, username: str, password: str, password_hash: str) -> bool:
        """Whether this very credential was verified against this hash a moment ago."""
        digest = self._digest(username, password)
        found = self._verified.get(digest)
        if found is None:
            return False
        verified_hash, until = found
        if until < time.monotonic() or not same_hash(verified_hash, password_hash):
            del self._verified[digest]
            return False
        return bool(password_hash)

    async def verify(self, username: str, password: str, password_hash: str) -> bool:
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.threads)
        matches = await anyio.to_thread.run_sync(
            verify_password, password_hash, password, limiter=self._limiter
        )
        if matches:
            self._remember(self._digest(username, password), password_hash)
        return matches

    def _remember(self, digest: bytes, password_hash: str) -> None:
        self._verified[digest] = (password_hash, time.monotonic() + self.remember_seconds)
        self._verified.move_to_end(digest)
        while len(self._verified) > self.size:
            self._verified.popitem(last=False)
