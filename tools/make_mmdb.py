#!/usr/bin/env python3
"""Writes small MaxMind DB (.mmdb) files: synthetic GeoLite2-style databases for tests and
fuzz seeds, as no real database may be shipped with loupe.

Format: MaxMind DB File Format Specification 2.0, https://maxmind.github.io/MaxMind-DB/
  - a binary search tree over the address bits (IPv6 databases keep IPv4 under ::/96, and,
    as MaxMind's own files do, alias ::ffff:0:0/96 and 2002::/16 to that subtree);
  - 16 zero bytes, then the data section (records deduplicated; repeated map keys and
    strings written once and referenced by pointers, as real files do);
  - "\\xab\\xcd\\xefMaxMind.com" and the metadata map.

Usage:
  make_mmdb.py SPEC.json OUT.mmdb
      SPEC: {"database_type": "GeoLite2-Country", "ip_version": 6, "record_size": 28,
             "languages": ["en"], "description": {"en": "..."}, "build_epoch": 1700000000,
             "networks": [{"network": "81.2.69.0/24", "data": {...}}, ...]}
      Everything but "networks" is optional (defaults: GeoLite2-Country, 6, 24).
  make_mmdb.py --csv-country CSV OUT.mmdb   lines "network,iso_code[,registered_iso_code]"
  make_mmdb.py --csv-asn CSV OUT.mmdb       lines "network,asn,organization"
  Options: --record-size 24|28|32, --ip-version 4|6, --database-type NAME.

JSON values map to MMDB types: string -> utf8_string, int -> uint32 (uint64 or uint128
when larger, int32 when negative), float -> double, bool -> boolean, object -> map,
array -> array. Networks may nest: a more specific network overrides the larger one
that contains it, whatever the order. Python 3 standard library only.
"""

import argparse
import csv
import ipaddress
import json
import struct
import sys
import time

METADATA_MARKER = b"\xab\xcd\xefMaxMind.com"


class U16(int):
    """An int written as uint16 (metadata fields the spec types so)."""


class U64(int):
    """An int written as uint64."""


# ---- data section encoding


class Encoder:
    """Encodes values into one data section. With `dedupe`, map keys and strings seen
    before become pointers to their first encoding."""

    def __init__(self, dedupe=True):
        self.buf = bytearray()
        self.dedupe = dedupe
        self.strings = {}  # str -> offset of its encoding
        self.records = {}  # canonical JSON of a record -> offset

    @staticmethod
    def control(type_num, size):
        """The control byte(s) and the extended size bytes for a field."""
        if size < 29:
            size_bits, extra = size, b""
        elif size < 29 + 256:
            size_bits, extra = 29, bytes([size - 29])
        elif size < 285 + 65536:
            size_bits, extra = 30, struct.pack(">H", size - 285)
        elif size < 65821 + (1 << 24):
            size_bits, extra = 31, struct.pack(">I", size - 65821)[1:]
        else:
            raise ValueError("field too large: %d" % size)
        if type_num <= 7:
            return bytes([(type_num << 5) | size_bits]) + extra
        return bytes([size_bits, type_num - 7]) + extra

    @staticmethod
    def pointer(offset):
        """Sizes 0-2 store the offset less the range the smaller sizes cover."""
        if offset < 2048:
            return bytes([0x20 | (offset >> 8), offset & 0xFF])
        if offset < 526336:
            v = offset - 2048
            return bytes([0x28 | (v >> 16)]) + struct.pack(">H", v & 0xFFFF)
        if offset < 526336 + (1 << 27):
            v = offset - 526336
            return bytes([0x30 | (v >> 24)]) + struct.pack(">I", v & 0xFFFFFF)[1:]
        return bytes([0x38]) + struct.pack(">I", offset)

    @staticmethod
    def uint(type_num, value, max_bytes):
        raw = value.to_bytes(max_bytes, "big").lstrip(b"\x00")
        return Encoder.control(type_num, len(raw)) + raw

    def encode(self, value):
        """Appends `value`; returns the offset of its (first) encoding."""
        if isinstance(value, str) and self.dedupe and value in self.strings:
            offset = self.strings[value]
            self.buf += self.pointer(offset)
            return offset
        offset = len(self.buf)
        if isinstance(value, bool):
            self.buf += self.control(14, 1 if value else 0)
        elif isinstance(value, str):
            raw = value.encode("utf-8")
            self.buf += self.control(2, len(raw)) + raw
            if self.dedupe and len(raw) >= 3:
                self.strings[value] = offset
        elif isinstance(value, U16):
            self.buf += self.uint(5, value, 2)
        elif isinstance(value, U64):
            self.buf += self.uint(9, value, 8)
        elif isinstance(value, int):
            if value < 0:
                if value < -(1 << 31):
                    raise ValueError("integer too small for int32: %d" % value)
                raw = struct.pack(">i", value)
                self.buf += self.control(8, 4) + raw
            elif value < (1 << 32):
                self.buf += self.uint(6, value, 4)
            elif value < (1 << 64):
                self.buf += self.uint(9, value, 8)
            elif value < (1 << 128):
                self.buf += self.uint(10, value, 16)
            else:
                raise ValueError("integer too large: %d" % value)
        elif isinstance(value, float):
            self.buf += self.control(3, 8) + struct.pack(">d", value)
        elif isinstance(value, dict):
            self.buf += self.control(7, len(value))
            for key, item in value.items():
                if not isinstance(key, str):
                    raise ValueError("map keys must be strings")
                self.encode(key)
                self.encode(item)
        elif isinstance(value, (list, tuple)):
            self.buf += self.control(11, len(value))
            for item in value:
                self.encode(item)
        else:
            raise ValueError("cannot encode %r" % (value,))
        return offset

    def record(self, data):
        """The offset of a top-level record, each distinct record written once."""
        key = json.dumps(data, sort_keys=True)
        if key not in self.records:
            self.records[key] = self.encode(data)
        return self.records[key]


# ---- search tree


class Node:
    __slots__ = ("children",)

    def __init__(self, left=None, right=None):
        # Each child: None (no data), a Node, or ("data", offset).
        self.children = [left, right]


def network_bits(text, ip_version):
    """(integer of the address bits, prefix length) in the tree's address space."""
    net = ipaddress.ip_network(text, strict=False)
    if ip_version == 4:
        if net.version != 4:
            raise ValueError("IPv6 network %s in an IPv4 database" % text)
        return int(net.network_address), net.prefixlen, 32
    if net.version == 4:
        # IPv4 lives at ::a.b.c.d/96+len in an IPv6 tree.
        return int(net.network_address), net.prefixlen + 96, 128
    return int(net.network_address), net.prefixlen, 128


def insert(root, bits, prefix_len, width, value):
    node = root
    for depth in range(prefix_len):
        bit = (bits >> (width - 1 - depth)) & 1
        if depth == prefix_len - 1:
            node.children[bit] = value
            return
        child = node.children[bit]
        if not isinstance(child, Node):
            # A larger network (or nothing) covers this one: split it in two.
            child = Node(child, child)
            node.children[bit] = child
        node = child
    raise ValueError("a /0 network cannot be stored")


def find_node(root, bits, prefix_len, width):
    node = root
    for depth in range(prefix_len):
        bit = (bits >> (width - 1 - depth)) & 1
        node = node.children[bit]
        if not isinstance(node, Node):
            return None
    return node


def alias_ipv4(root):
    """Points ::ffff:0:0/96 and 2002::/16 at the IPv4 subtree (::/96), as MaxMind does."""
    v4_root = find_node(root, 0, 96, 128)
    if v4_root is None:
        return
    for text in ("::ffff:0:0/96", "2002::/16"):
        net = ipaddress.ip_network(text)
        bits, plen = int(net.network_address), net.prefixlen
        node = root
        for depth in range(plen - 1):
            bit = (bits >> (127 - depth)) & 1
            child = node.children[bit]
            if not isinstance(child, Node):
                child = Node(child, child)
                node.children[bit] = child
            node = child
        node.children[(bits >> (128 - plen)) & 1] = v4_root


def number_nodes(root):
    """Node ids in breadth-first order, each node once (aliases share a node)."""
    ids, order, queue = {id(root): 0}, [root], [root]
    while queue:
        nxt = []
        for node in queue:
            for child in node.children:
                if isinstance(child, Node) and id(child) not in ids:
                    ids[id(child)] = len(order)
                    order.append(child)
                    nxt.append(child)
        queue = nxt
    return ids, order


def write_tree(order, ids, record_size):
    node_count = len(order)
    out = bytearray()

    def record_value(child):
        if child is None:
            return node_count
        if isinstance(child, Node):
            return ids[id(child)]
        return node_count + 16 + child[1]

    limit = 1 << record_size
    for node in order:
        left, right = (record_value(c) for c in node.children)
        if left >= limit or right >= limit:
            raise ValueError("record size %d too small for this database" % record_size)
        if record_size == 24:
            out += left.to_bytes(3, "big") + right.to_bytes(3, "big")
        elif record_size == 28:
            middle = ((left >> 24) << 4) | (right >> 24)
            out += (left & 0xFFFFFF).to_bytes(3, "big") + bytes([middle])
            out += (right & 0xFFFFFF).to_bytes(3, "big")
        elif record_size == 32:
            out += left.to_bytes(4, "big") + right.to_bytes(4, "big")
        else:
            raise ValueError("record size must be 24, 28 or 32")
    return out


def build(spec):
    ip_version = int(spec.get("ip_version", 6))
    record_size = int(spec.get("record_size", 24))
    if ip_version not in (4, 6):
        raise ValueError("ip_version must be 4 or 6")
    data = Encoder(dedupe=True)
    entries = []
    for item in spec["networks"]:
        bits, plen, width = network_bits(item["network"], ip_version)
        entries.append((plen, bits, width, ("data", data.record(item["data"]))))
    # Larger networks first, so that the networks nested in them override them.
    entries.sort(key=lambda e: e[0])
    root = Node()
    for plen, bits, width, value in entries:
        insert(root, bits, plen, width, value)
    if ip_version == 6 and spec.get("ipv4_aliases", True):
        alias_ipv4(root)
    ids, order = number_nodes(root)
    tree = write_tree(order, ids, record_size)

    meta = Encoder(dedupe=False)
    meta.encode({
        "binary_format_major_version": U16(2),
        "binary_format_minor_version": U16(0),
        "build_epoch": U64(int(spec.get("build_epoch", time.time()))),
        "database_type": spec.get("database_type", "GeoLite2-Country"),
        "description": spec.get("description", {"en": "loupe synthetic test database"}),
        "ip_version": U16(ip_version),
        "languages": spec.get("languages", ["en"]),
        # "forge_node_count" writes a wrong count: corrupt databases for reader tests.
        "node_count": int(spec.get("forge_node_count", len(order))),
        "record_size": U16(record_size),
    })
    return bytes(tree) + b"\x00" * 16 + bytes(data.buf) + METADATA_MARKER + bytes(meta.buf)


# ---- CSV inputs


def country_record(iso, names=None):
    out = {"iso_code": iso}
    if names:
        out["names"] = names
    return out


def spec_from_csv(path, kind):
    networks = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            if not row or row[0].startswith("#") or row[0] == "network":
                continue
            if kind == "country":
                data = {"country": country_record(row[1].strip())}
                registered = row[2].strip() if len(row) > 2 else row[1].strip()
                if registered:
                    data["registered_country"] = country_record(registered)
            else:
                data = {"autonomous_system_number": int(row[1]),
                        "autonomous_system_organization": row[2].strip()}
            networks.append({"network": row[0].strip(), "data": data})
    return {
        "database_type": "GeoLite2-Country" if kind == "country" else "GeoLite2-ASN",
        "networks": networks,
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--csv-country", action="store_true", help="input is a country CSV")
    group.add_argument("--csv-asn", action="store_true", help="input is an ASN CSV")
    parser.add_argument("--record-size", type=int, choices=(24, 28, 32))
    parser.add_argument("--ip-version", type=int, choices=(4, 6))
    parser.add_argument("--database-type")
    parser.add_argument("input")
    parser.add_argument("output")
    args = parser.parse_args(argv)
    try:
        if args.csv_country or args.csv_asn:
            spec = spec_from_csv(args.input, "country" if args.csv_country else "asn")
        else:
            with open(args.input, encoding="utf-8") as f:
                spec = json.load(f)
        if args.record_size:
            spec["record_size"] = args.record_size
        if args.ip_version:
            spec["ip_version"] = args.ip_version
        if args.database_type:
            spec["database_type"] = args.database_type
        blob = build(spec)
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("make_mmdb: %s" % e, file=sys.stderr)
        return 1
    with open(args.output, "wb") as f:
        f.write(blob)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
