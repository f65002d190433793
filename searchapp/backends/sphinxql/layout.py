"""Where everything lives in a cluster, derived from the list of nodes alone, so that the
config generator, the writers and the readers agree without a registry.

N nodes hold N shards; shard k lives on nodes k and k+1 (mod N), its mirror. Every shard has two
generations, `shard{k}_a` and `shard{k}_b`: a rebuild fills the one not serving and then moves
the pointer kept in the `searchapp_meta` index of every node. Each node declares the distributed
indexes `articles_a` and `articles_b`, one agent line per shard listing its mirrors.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from searchapp.search.analysis import ANALYZERS
from searchapp.search.facets import REGISTRY
from searchapp.search.schema import FIELDS

GENERATIONS = ("a", "b")
META = "searchapp_meta"
LABELS = "searchapp_labels"
MIRRORS = 2
API_OFFSET = 10  # a node's agent (binary API) port is its SphinxQL port + 10

# Full-text fields: the model's text and name fields, sent as the words our analysis makes
# (`words` only feeds the vocabulary, see vocabulary.py).
TEXT_FIELDS = tuple(field.name for field in FIELDS if field.kind in ANALYZERS and field.name != "words")
# Facets, from the registry: a value is a 63-bit hash of its folded spelling (searchapp_labels
# keeps the spelling to show), or the number itself for facets listed by value (years).


def multi_valued() -> tuple[str, ...]:
    """Attributes holding several hashed values (facets of several values, and the report's flags)."""
    return (*(spec.field for spec in REGISTRY if spec.multi), "flags")


def single_valued() -> tuple[str, ...]:
    """Attributes holding one hashed value."""
    return tuple(spec.field for spec in REGISTRY if not spec.multi and not spec.by_value)


def numeric() -> tuple[str, ...]:
    """Attributes holding a number, which is its own label."""
    return tuple(spec.field for spec in REGISTRY if spec.by_value)


def article_attributes() -> tuple[tuple[str, str], ...]:
    """The attributes of an article in a shard: what filters, sorts and groups, and the stored fields."""
    return (
        ("rt_attr_string", "aid"), ("rt_attr_string", "stored"),
        ("rt_attr_bigint", "cluster"), ("rt_attr_bigint", "moment"), ("rt_attr_bigint", "language"),
        *(("rt_attr_bigint", name) for name in single_valued()),
        ("rt_attr_uint", "ymd"), ("rt_attr_uint", "month"), ("rt_attr_uint", "dated"),
        *(("rt_attr_uint", name) for name in numeric()),
        ("rt_attr_uint", "part"), ("rt_attr_uint", "parts"),
        *(("rt_attr_multi_64", name) for name in multi_valued()),
    )


MULTI, SINGLE, NUMERIC = multi_valued(), single_valued(), numeric()
LABELLED = (*(spec.field for spec in REGISTRY if spec.multi), *SINGLE)  # facets whose values are hashed

# The vocabulary of each generation (see vocabulary.py), on every node.
VOCABULARY_COLUMNS = (
    ("rt_field", "grams"), ("rt_attr_string", "word"), ("rt_attr_uint", "field"), ("rt_attr_bigint", "word_key"),
    ("rt_attr_bigint", "docs"), ("rt_attr_bigint", "sort_key"), ("rt_attr_uint", "length"),
    ("rt_attr_uint", "part"), ("rt_attr_uint", "parts"))


@dataclass(frozen=True)
class Node:
    host: str
    port: int  # SphinxQL

    @property
    def api(self) -> str:
        return f"{self.host}:{self.port + API_OFFSET}"

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def nodes_of(url: str) -> tuple[Node, ...]:
    """sphinxql://host:port[,host:port...] -> nodes, in the order that places the shards."""
    parts = urlsplit(url)
    if parts.scheme != "sphinxql" or not parts.netloc:
        raise ValueError(f"not a SphinxQL backend address: {url!r} (expected sphinxql://host:port[,host:port...])")
    nodes = []
    for item in parts.netloc.split(","):
        host, _, port = item.strip().rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"not host:port: {item!r} in {url!r}")
        nodes.append(Node(host, int(port)))
    return tuple(nodes)


def holders(shard: int, count: int) -> tuple[int, ...]:
    """The nodes (by position) that hold a shard: the shard's own node and the next one."""
    return tuple(dict.fromkeys((shard + i) % count for i in range(min(MIRRORS, count))))


def shard_name(shard: int, generation: str) -> str:
    return f"shard{shard}_{generation}"


def distributed_name(generation: str) -> str:
    return f"articles_{generation}"


def vocabulary_name(generation: str) -> str:
    return f"searchapp_words_{generation}"


def label_id(facet: str, value_key: int) -> int:
    return key(f"{facet}:{value_key}")


def key(text: str) -> int:
    """A stable positive 63-bit id for a string: document ids, clusters, facet values."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") >> 1 or 1


def shard_of(cluster: str, count: int) -> int:
    """Copies of one story go to one shard: story counts then add up exactly across shards."""
    return key(cluster) % count


def node_config(nodes: tuple[Node, ...], position: int, data: str, *, rt_mem_limit: str = "256M") -> str:
    """The searchd configuration of one node (Sphinx 2.2 and Manticore alike)."""
    blocks = []
    for shard in range(len(nodes)):
        if position in holders(shard, len(nodes)):
            for generation in GENERATIONS:
                name = shard_name(shard, generation)
                blocks.append(rt_index(name, f"{data}/{name}",
                                       [("rt_field", f) for f in TEXT_FIELDS] + list(article_attributes()),
                                       rt_mem_limit))
    blocks.append(rt_index(META, f"{data}/{META}", [("rt_field", "name"), ("rt_attr_string", "value")], "16M"))
    blocks.append(rt_index(LABELS, f"{data}/{LABELS}",
                           [("rt_field", "text"), ("rt_attr_uint", "kind"), ("rt_attr_string", "label")], "64M"))
    for generation in GENERATIONS:
        name = vocabulary_name(generation)
        blocks.append(rt_index(name, f"{data}/{name}", list(VOCABULARY_COLUMNS), "64M", prefixes=False))
    for generation in GENERATIONS:
        agents = ["  agent_persistent = " + "|".join(f"{nodes[n].api}:{shard_name(shard, generation)}"
                                           for n in holders(shard, len(nodes)))
                  for shard in range(len(nodes))]
        blocks.append("\n".join([f"index {distributed_name(generation)}", "{", "  type = distributed", *agents,
                                 "  agent_connect_timeout = 500", "  agent_query_timeout = 10000",
                                 "  ha_strategy = nodeads", "}"]))
    node = nodes[position]
    blocks.append("\n".join([
        "searchd", "{", f"  listen = {node.api}", f"  listen = {node}:mysql41",
        f"  log = {data}/searchd.log", f"  query_log = {data}/query.log", f"  pid_file = {data}/searchd.pid",
        f"  binlog_path = {data}", "  workers = threads", "  max_children = 64", "  read_timeout = 10",
        "  max_packet_size = 64M",
        "  persistent_connections_limit = 16",
        "  agent_retry_count = 1",
        # Pings find dead mirrors; at the default of every second each idle node took 20% of a
        # core here, at 3 s 0.3%.
        "  ha_ping_interval = 3000", "}"]))
    return "\n\n".join(blocks) + "\n"


def rt_index(name: str, path: str, columns: list[tuple[str, str]], rt_mem_limit: str, prefixes: bool = True) -> str:
    return "\n".join([
        f"index {name}", "{", "  type = rt", f"  path = {path}", *(f"  {kind} = {column}" for kind, column in columns),
        # Our analysis already stemmed and folded the text: searchd only splits on spaces.
        "  dict = keywords", *(["  min_prefix_len = 1"] if prefixes else []), "  min_word_len = 1",
        "  charset_table = 0..9, a..z, _",
        f"  rt_mem_limit = {rt_mem_limit}", "}"])
