"""A request's line and headers are bounded in size, in number and in time (`storeroom serve`):
a huge or endless header is refused while it arrives instead of being read whole."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server.running import Served, storeroom_serve

HEAD = b"GET /healthz HTTP/1.1\r\nHost: storeroom\r\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    directory: Path = tmp_path_factory.mktemp("serve")
    with storeroom_serve(directory, header_timeout_seconds="2") as served:
        yield served


def connect(server: Served) -> socket.socket:
    # The timeout only keeps a server that never answers from hanging the suite.
    return socket.create_connection((server.host, server.port), timeout=60)


def read_answer(connection: socket.socket) -> bytes:
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    return received


def test_an_ordinary_request_is_answered(server: Served) -> None:
    response = httpx.get(f"{server.url}/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_a_header_of_a_megabyte_is_refused_with_431(server: Served) -> None:
    with connect(server) as connection:
        try:
            connection.sendall(HEAD + b"X-Big: " + b"a" * 2**20 + b"\r\n\r\n")
            answer = read_answer(connection)
        except ConnectionResetError:
            answer = b""  # closed with the rest of the header unread: refused too
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431 ")
    assert b" 200 " not in answer


def test_the_refusal_is_in_the_api_error_shape(server: Served) -> None:
    with connect(server) as connection:
        connection.sendall(HEAD + b"X-Big: " + b"a" * 100_000 + b"\r\n\r\n")
        answer = read_answer(connection)
    status, _, body = answer.partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 431 ")
    assert body == b'{"detail":"Request header fields too large."}'


def send_endless_header(connection: socket.socket, limit: int) -> int:
    """Sends a header that never ends until the server closes; returns the bytes sent."""
    sent = 0
    connection.sendall(HEAD + b"X-Endless: ")
    chunk = b"a" * 65536
    try:
        while sent < limit:
            connection.sendall(chunk)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    return sent


def test_an_endless_header_is_cut_off_while_it_arrives(server: Served) -> None:
    with connect(server) as connection:
        sent = send_endless_header(connection, 50 * 2**20)
    # Only what socket buffers hold got out: the server read no more than its limit and a chunk.
    assert sent < 50 * 2**20
    assert httpx.get(f"{server.url}/healthz").status_code == 200


def test_more_than_100_header_fields_are_refused_with_431(server: Served) -> None:
    fields = b"".join(b"X-Field-%d: 1\r\n" % number for number in range(101))
    with connect(server) as connection:
        connection.sendall(HEAD + fields + b"\r\n")
        answer = read_answer(connection)
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert b"More than 100 request header fields." in answer


def test_100_header_fields_are_accepted(server: Served) -> None:
    fields = b"".join(
        b"X-Field-%d: 1\r\n" % number for number in range(98)
    )  # with Host and Connection: 100
    with connect(server) as connection:
        connection.sendall(HEAD + fields + b"Connection: close\r\n\r\n")
        answer = read_answer(connection)
    assert answer.startswith(b"HTTP/1.1 200 ")


def test_a_body_arriving_with_its_head_does_not_count_as_header(server: Served) -> None:
    body = b'{"username": "%s", "password": "wrong"}' % (b"u" * 300_000)
    head = b"POST /api/auth/login/ HTTP/1.1\r\nHost: storeroom\r\nConnection: close\r\n"
    with connect(server) as connection:
        connection.sendall(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        answer = read_answer(connection)
    status = answer.split(b"\r\n", 1)[0]
    assert status.startswith(b"HTTP/1.1 4")
    assert b"431" not in status


def test_a_head_that_does_not_arrive_in_time_is_answered_408(server: Served) -> None:
    with connect(server) as connection:
        connection.sendall(HEAD)  # no blank line: the head never ends
        answer = read_answer(connection)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"did not arrive in time" in answer


def test_a_connection_that_sends_nothing_is_closed(server: Served) -> None:
    with connect(server) as connection:
        assert read_answer(connection) == b""


def test_a_kept_alive_connection_serves_several_requests(server: Served) -> None:
    with httpx.Client(base_url=server.url) as client:
        statuses = [client.get("/healthz").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
