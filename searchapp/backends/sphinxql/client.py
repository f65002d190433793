"""Connections to the nodes of a cluster: reads fail over to the next node, writes go to the
nodes that hold a shard and fail loudly, and partial answers are retried a few times, then refused."""
from __future__ import annotations

import threading
import time

import pymysql
from pymysql.constants import CLIENT

from searchapp.backends.sphinxql.layout import GENERATIONS, META, Node, distributed_name, key, nodes_of
from searchapp.errors import BackendUnavailable, IndexMissing

CONNECT_SECONDS = 2
QUERY_SECONDS = 30
PARTIAL_RETRIES = (0, 0.1, 0.2, 0.4, 0.8, 1.6)  # seconds to wait before each try


class Cluster:
    """The nodes of sphinxql://host:port,...: one connection per node and thread."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.nodes = nodes_of(url)
        self._local = threading.local()

    def __len__(self) -> int:
        return len(self.nodes)

    def connection(self, position: int) -> pymysql.connections.Connection:
        connections = self._local.__dict__.setdefault("connections", {})
        connection = connections.get(position)
        if connection is None or not connection.open:
            node = self.nodes[position]
            try:
                connection = pymysql.connect(host=node.host, port=node.port, autocommit=True,
                                             connect_timeout=CONNECT_SECONDS, read_timeout=QUERY_SECONDS,
                                             write_timeout=QUERY_SECONDS, charset="utf8",
                                             client_flag=CLIENT.MULTI_STATEMENTS)
            except pymysql.err.OperationalError as error:
                raise NodeDown(node, error) from error
            connections[position] = connection
        return connection

    def run(self, position: int, sql: str, args=None) -> list[tuple]:
        """One statement on one node; NodeDown when the node cannot be reached."""
        try:
            with self.connection(position).cursor() as cursor:
                cursor.execute(sql, args)
                return list(cursor.fetchall())
        except (pymysql.err.OperationalError, pymysql.err.InterfaceError) as error:
            self._local.__dict__.get("connections", {}).pop(position, None)
            raise NodeDown(self.nodes[position], error) from error

    def select_many(self, statements: list[str], args=None) -> list[tuple[list[tuple], dict[str, str]]]:
        """Reads sent as one batch (one round trip; searchd matches a query shared by several
        statements once), each with its SHOW META, on the first node that answers completely.

        searchd answers even when an agent did not (its warning says so), and goes on asking a
        dead mirror until errors and pings mark it dead (0.1-0.2 s after a kill -9 here, with
        searches coming in); such a partial answer is asked again a few times over 3.1 s, then
        refused rather than shown as complete."""
        problems = []
        for delay in PARTIAL_RETRIES:
            time.sleep(delay)
            for position in self._order():
                try:
                    answers = self._batch(position, statements, args)
                except NodeDown as error:
                    problems.append(str(error))
                    continue
                warnings = [status["warning"] for _, status in answers if status.get("warning")]
                if not warnings:
                    return answers
                problems.append(f"{self.nodes[position]}: {warnings[0]}")
                break
        raise BackendUnavailable("the search cluster did not answer completely ("
                                 + "; ".join(dict.fromkeys(problems[-3:])) + "): try again in a moment")

    def _batch(self, position: int, statements: list[str], args=None) -> list[tuple[list[tuple], dict[str, str]]]:
        try:
            with self.connection(position).cursor() as cursor:
                cursor.execute("; ".join(f"{sql}; SHOW META" for sql in statements), args)
                results = []
                while True:
                    results.append(list(cursor.fetchall()))
                    if not cursor.nextset():
                        break
        except (pymysql.err.OperationalError, pymysql.err.InterfaceError) as error:
            self._local.__dict__.get("connections", {}).pop(position, None)
            raise NodeDown(self.nodes[position], error) from error
        return [(results[i], {row[0]: row[1] for row in results[i + 1]}) for i in range(0, len(results), 2)]

    def _order(self) -> list[int]:
        """Nodes to try for a read, starting at one of them by thread, so readers spread out."""
        first = threading.get_ident() % len(self.nodes)
        return [(first + i) % len(self.nodes) for i in range(len(self.nodes))]

    def each(self, positions, sql: str, args=None) -> None:
        """A write on every given node: all of them must take it."""
        for position in positions:
            self.run(position, sql, args)

    def check_all_up(self, action: str) -> None:
        """Refuse a write while a node is down: its mirror copies would silently fall behind."""
        down = []
        for position, node in enumerate(self.nodes):
            try:
                self.run(position, "SHOW STATUS LIKE 'uptime'")
            except NodeDown:
                down.append(str(node))
        if down:
            raise BackendUnavailable(f"cannot {action}: node {', '.join(down)} of the search cluster is not "
                                     "answering, and every copy of a shard must take each write; nothing was "
                                     "changed. Start the node again and repeat the command.")

    # The generation pointer, kept in the meta index of every node.

    def setting(self, name: str, position: int | None = None) -> str:
        sql = f"SELECT value FROM {META} WHERE id = %s"
        rows = self.run(position, sql, (key(name),)) if position is not None else \
            self.select_many([sql], (key(name),))[0][0]
        return rows[0][0] if rows else ""

    def put(self, name: str, value: str) -> None:
        self.each(range(len(self.nodes)), f"REPLACE INTO {META} (id, name, value) VALUES (%s, %s, %s)",
                  (key(name), name, value))

    def generation(self) -> str:
        """The generation being served ("" before the first rebuild), read for every search (a
        loopback round trip costs ~0.1 ms), so that a finished rebuild is seen at once."""
        return self.setting("current")

    def serving(self) -> str:
        generation = self.generation()
        if generation not in GENERATIONS:
            raise IndexMissing(f"the search cluster {self.url} holds no index yet: run "
                               f"`SEARCHAPP_BACKEND={self.url} searchapp rebuild SOURCE`")
        return distributed_name(generation)


class NodeDown(Exception):
    def __init__(self, node: Node, error: Exception) -> None:
        super().__init__(f"{node} is not answering ({error.args[-1] if error.args else error})")
        self.node = node
