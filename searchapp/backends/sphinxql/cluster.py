r"""A local cluster on loopback for development, tests and benchmarks: `make cluster`.

    python -m searchapp.backends.sphinxql.cluster start [--dir .cluster] [--port 19306] [--nodes 3]
    python -m searchapp.backends.sphinxql.cluster stop [--dir .cluster]
    python -m searchapp.backends.sphinxql.cluster config --backend sphinxql://h1:9306,h2:9306,h3:9306 \
        --node 0 --dir /var/lib/sphinx

Starting is idempotent (running nodes are left alone) and installs Debian's sphinxsearch when
searchd is missing and we are root. The last line printed is the SEARCHAPP_BACKEND to use.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from searchapp.backends.sphinxql.layout import API_OFFSET, Node, node_config, nodes_of

SEARCHD = "searchd"


def searchd_path() -> str | None:
    return shutil.which(SEARCHD) or (f"/usr/bin/{SEARCHD}" if os.path.exists(f"/usr/bin/{SEARCHD}") else None)


def install() -> str:
    """searchd, from Debian's sphinxsearch package when it is not there yet."""
    found = searchd_path()
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("searchd is missing: run 'sudo apt-get install sphinxsearch' (or install Manticore Search)")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "sphinxsearch"], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return searchd_path() or "searchd"


def nodes_at(port: int, count: int, host: str = "127.0.0.1") -> tuple[Node, ...]:
    return tuple(Node(host, port + i) for i in range(count))


def url_of(nodes: tuple[Node, ...]) -> str:
    return "sphinxql://" + ",".join(map(str, nodes))


def start(folder: Path, port: int = 19306, count: int = 3, timeout: float = 30.0) -> str:
    """Start every node of the cluster that is not running; return its SEARCHAPP_BACKEND value."""
    searchd = install()
    folder = Path(folder).resolve()
    nodes = nodes_at(port, count)
    for position, node in enumerate(nodes):
        data = folder / f"node{position}"
        data.mkdir(parents=True, exist_ok=True)
        config = data / "sphinx.conf"
        config.write_text(node_config(nodes, position, str(data)))
        if running(data):
            continue
        for port_in_use in (node.port, node.port + API_OFFSET):
            if not port_free(node.host, port_in_use):
                raise SystemExit(f"port {port_in_use} is taken by another program: start the cluster on other "
                                 "ports (--port, or CLUSTER_PORT=... with make)")
        subprocess.run([searchd, "--config", str(config)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    for node in nodes:
        wait_for(node, timeout)
    return url_of(nodes)


def port_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def start_node(folder: Path, position: int, timeout: float = 30.0) -> None:
    """Start one node again from its configuration (after a failure test killed it)."""
    data = Path(folder).resolve() / f"node{position}"
    if not running(data):
        subprocess.run([install(), "--config", str(data / "sphinx.conf")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    host, port = listen_of(data)
    wait_for(Node(host, port), timeout)


def listen_of(data: Path) -> tuple[str, int]:
    for line in (data / "sphinx.conf").read_text().splitlines():
        if line.strip().startswith("listen") and line.strip().endswith(":mysql41"):
            host, port, _ = line.split("=", 1)[1].strip().rsplit(":", 2)
            return host, int(port)
    raise ValueError(f"no SphinxQL listen line in {data / 'sphinx.conf'}")


def pid_of(data: Path) -> int | None:
    try:
        pid = int((data / "searchd.pid").read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    return pid


def running(data: Path) -> bool:
    return pid_of(data) is not None


def wait_for(node: Node, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((node.host, node.port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"searchd on {node} did not start in {timeout:.0f} s: see its searchd.log") from None
            time.sleep(0.1)


def stop(folder: Path, timeout: float = 30.0) -> None:
    """Stop every node of the cluster in folder (its data stays for the next start)."""
    for data in sorted(Path(folder).glob("node*")):
        pid = pid_of(data)
        if pid is None:
            continue
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while pid_of(data) is not None and time.monotonic() < deadline:
            time.sleep(0.1)
        if pid_of(data) is not None:
            os.kill(pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m searchapp.backends.sphinxql.cluster",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("start", "stop", "config"))
    parser.add_argument("--dir", type=Path, default=Path(".cluster"), help="where the nodes keep their data")
    parser.add_argument("--port", type=int, default=19306, help="SphinxQL port of the first node")
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--backend", help="config: the SEARCHAPP_BACKEND of a cluster on several machines")
    parser.add_argument("--node", type=int, default=0, help="config: which node of --backend (from 0)")
    args = parser.parse_args(argv)
    if args.action == "config":  # the searchd configuration of one node of a real cluster
        nodes = nodes_of(args.backend) if args.backend else nodes_at(args.port, args.nodes)
        print(node_config(nodes, args.node, str(args.dir.resolve())), end="")
        return
    if args.action == "stop":
        stop(args.dir)
        print(f"stopped the cluster in {args.dir}")
        return
    url = start(args.dir, args.port, args.nodes)
    print(f"{args.nodes} nodes running in {args.dir}; to use them:")
    print(f"SEARCHAPP_BACKEND={url}")


if __name__ == "__main__":
    main()
