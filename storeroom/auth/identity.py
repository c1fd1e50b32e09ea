"""`Identity`: who a request acts as, and in which tenant."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Identity:
    user_id: int
    username: str
    account: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    is_active: bool = True
    is_staff: bool = False
    is_superuser: bool = False
    # A service authenticated by a pre-shared key; it has no user row.
    is_system: bool = False
    # token | basic | identity | system | session
    via: str = ""
    session_id: int | None = None
    csrf_hash: str = ""
