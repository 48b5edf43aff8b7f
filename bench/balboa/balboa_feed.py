#!/usr/bin/env python3
"""Feeds Suricata EVE JSON to a running balboa frontend and checks what its backend stored.

Helper of bench/pdns_vs_balboa.sh; standard library only.

  balboa_feed.py feed SOCKET EVE_FILE GRAPHQL_URL [--timeout S]
      Streams EVE_FILE at full speed into balboa's Unix-socket feeder (input_format
      suricata_dns, the socket Suricata's `unix_stream` EVE output writes to), then one
      sentinel answer event, and polls GraphQL until the sentinel is stored. Prints the
      seconds from connecting to the sentinel being readable. balboa keeps the order of a
      connection end to end (one feeder goroutine, one channel, one frontend->backend TCP
      connection, one backend thread doing a RocksDB merge per observation), so the
      sentinel is readable only after every earlier observation has been written.

  balboa_feed.py expect EVE_FILE SAMPLE_JSON
      Derives from EVE_FILE what balboa should store, with the rules of balboa 2.0.0's
      suricata_dns parser (format/format_suricata.go upstream): only event_type "dns" with
      dns.type "answer"; version 2 yields one observation per `answers` entry, or per
      `grouped` rdata when there are no answers; other versions yield one observation of
      the event's own rrname/rrtype/rdata. Observations are keyed by (rrname, rrtype,
      rdata) under one sensor. Prints "OBSERVATIONS DISTINCT" and writes a few rrnames
      with their expected per-(rrtype, rdata) counts to SAMPLE_JSON.

  balboa_feed.py check GRAPHQL_URL SAMPLE_JSON
      Asks balboa for each sampled rrname and compares counts; prints one line per name
      and exits 1 on any difference.
"""
import argparse
import collections
import json
import random
import socket
import sys
import time
import urllib.request

SENTINEL = "sentinel.pdns-vs-balboa.invalid"
SENTINEL_EVENT = (
    '{"timestamp":"2024-01-01T00:00:00.000000+0000","event_type":"dns","dns":{"version":2,'
    '"type":"answer","rrname":"%s","rrtype":"A","rcode":"NOERROR","answers":[{"rrname":'
    '"%s","rrtype":"A","ttl":60,"rdata":"192.0.2.1"}]}}\n' % (SENTINEL, SENTINEL))


def graphql_entries(url, rrname, fields="rrtype rdata count", timeout=10):
    query = '{ entries(rrname: %s, limit: 100000) { %s } }' % (json.dumps(rrname), fields)
    req = urllib.request.Request(url, data=json.dumps({"query": query}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        body = json.load(resp)
    if body.get("errors"):
        raise RuntimeError("GraphQL error for %s: %s" % (rrname, body["errors"]))
    return body["data"]["entries"] or []


def feed(args):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    start = time.monotonic()
    sock.connect(args.socket)
    with open(args.eve, "rb") as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            sock.sendall(chunk)
    sock.sendall(SENTINEL_EVENT.encode())
    sock.close()
    sent = time.monotonic() - start
    deadline = start + args.timeout
    while time.monotonic() < deadline:
        try:
            if graphql_entries(args.url, SENTINEL, "count"):
                done = time.monotonic() - start
                print("%.3f" % done)
                print("balboa: input handed to the feeder socket after %.2f s, stored after "
                      "%.2f s" % (sent, done), file=sys.stderr)
                return 0
        except OSError as e:  # the frontend may refuse while busy; keep polling
            print("balboa: poll: %s" % e, file=sys.stderr)
        time.sleep(0.05)
    print("balboa: sentinel not stored within %d s" % args.timeout, file=sys.stderr)
    return 1


def observations(event):
    if event.get("event_type") != "dns":
        return
    dns = event.get("dns") or {}
    if dns.get("type") != "answer":
        return
    if dns.get("version") == 2:
        answers = dns.get("answers") or []
        if answers:
            for a in answers:
                yield a.get("rrname", ""), a.get("rrtype", ""), a.get("rdata", "")
        else:
            for rrtype, rdatas in (dns.get("grouped") or {}).items():
                for rdata in rdatas:
                    yield dns.get("rrname", ""), rrtype, rdata
    else:
        yield dns.get("rrname", ""), dns.get("rrtype", ""), dns.get("rdata", "")


def expect(args):
    counts = collections.Counter()
    total = 0
    with open(args.eve, "rb") as f:
        for line in f:
            for key in observations(json.loads(line)):
                counts["\x1f".join(key)] += 1
                total += 1
    print(total, len(counts))
    # A few names to ask balboa about: the most observed one, and a deterministic handful.
    by_name = collections.defaultdict(dict)
    names = sorted({k.split("\x1f", 1)[0] for k in counts})
    top = counts.most_common(1)[0][0].split("\x1f", 1)[0] if counts else None
    rng = random.Random(1)
    sample = set(rng.sample(names, min(5, len(names))))
    if top is not None:
        sample.add(top)
    for key, n in counts.items():
        rrname, rrtype, rdata = key.split("\x1f")
        if rrname in sample and rrtype and rdata:  # balboa's queries skip empty fields
            by_name[rrname]["%s %s" % (rrtype, rdata)] = n
    with open(args.sample, "w") as f:
        json.dump(by_name, f, indent=1, sort_keys=True)
    return 0


def check(args):
    with open(args.sample) as f:
        sample = json.load(f)
    ok = True
    for rrname, want in sorted(sample.items()):
        got = {"%s %s" % (e["rrtype"], e["rdata"]): e["count"]
               for e in graphql_entries(args.url, rrname)}
        same = got == want
        ok = ok and same
        print("  %-40s %4d observations, %6d answers: %s" % (
            rrname, len(got), sum(got.values()), "as expected" if same else
            "MISMATCH (expected %d observations, %d answers)" % (len(want), sum(want.values()))))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("feed")
    f.add_argument("socket")
    f.add_argument("eve")
    f.add_argument("url")
    f.add_argument("--timeout", type=int, default=3600)
    e = sub.add_parser("expect")
    e.add_argument("eve")
    e.add_argument("sample")
    c = sub.add_parser("check")
    c.add_argument("url")
    c.add_argument("sample")
    args = p.parse_args()
    return {"feed": feed, "expect": expect, "check": check}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
