#!/usr/bin/env python3
"""Writes deterministic synthetic passive DNS for ingest benchmarks and test fixtures.

gen_pdns.py --format eve|cof|zeek|zeek-json --records N --out FILE|- [--seed S] [--days D]
            [--domains D]

The same arguments give the same bytes (Python's own random.Random, no hash-order
dependence). A record is one output line (headers of the Zeek TSV aside).

No public passive DNS corpus exists at a usable size, so this models one:

  * a population of registrable domains with Zipf popularity (rank r is asked ~1/r as
    often), under a realistic mix of public suffixes, a few of them IDN (xn--) names;
  * hosts under each domain (apex, www, api, cdn, mail, ...);
  * a pool of hosting IPv4 addresses much smaller than the domain population, grouped in
    /24s and itself Zipf-shared (shared hosting: many domains on one address), plus IPv6
    for a third of the domains;
  * CDN fronting through CNAME chains (www.x.com -> www.x.com.edgekey.net ->
    e1234.a.akamaiedge.net -> A records in the CDN's ranges; CloudFront, Fastly, ELB,
    GitHub Pages alike);
  * MX, TXT (SPF), NS and PTR lookups, NXDOMAIN for DGA-like names and typos, NODATA
    (AAAA for IPv4-only names, with the zone's SOA in the authority section), SERVFAIL,
    unanswered queries, and a little internal traffic (corp.local names, RFC 1918 answers);
  * times spread over D days (default 30), in order.

Outputs, each exactly as the producer writes it:

  eve        Suricata 6/7 EVE JSON, event_type "dns": DNS logging version 2 answers with
             the "answers" array and "grouped" (the default "detailed"+"grouped" formats,
             AAAA printed unabbreviated as Suricata does), "type": "query" events for a
             share of the requests, and a share of version-1 style answers (one event per
             answer record). A record is one line.
  cof        Passive DNS Common Output Format (draft-dulaunoy-dnsop-passive-dns-cof): one
             JSON object a line with rrname, rrtype, rdata (a string, or an array for an
             RRset), time_first, time_last, count, bailiwick, sensor_id. Half the records
             are written DNSDB style (trailing dots, rdata arrays), half CIRCL style.
  zeek       Zeek dns.log, TSV with the #separator/#fields/#types header and #close footer.
  zeek-json  The same log as Zeek's JSON writer emits it (LogAscii::use_json=T).

Speed matters (benchmarks ask for 5M+ records): rendered answers are memoized per lookup,
the per-record loop works on locals, the collector is off. On a shared 2-core VM, CPython
3.11 wrote about 200k records/s (CPU) for eve and zeek, 170k/s for cof; 5M eve records
(2.7 GB) took 30 s of CPU and 0.5 GB of memory.
"""
import argparse
import bisect
import gc
import itertools
import os
import random
import sys
import time
from math import exp, log

SYL = ["ka", "lo", "mi", "ne", "ro", "ta", "vi", "zu", "pe", "sa", "do", "ri", "fu", "ge",
       "bar", "tek", "net", "shop", "soft", "data", "cloud", "web", "max", "pro", "lab",
       "sun", "star", "blue", "nova", "ver", "tra", "ex", "on", "al", "in", "or", "an"]
# (suffix, weight): roughly the shape of a zone-file census.
TLDS = [("com", 46), ("net", 7), ("org", 6), ("de", 5), ("ru", 3), ("co.uk", 3), ("io", 3),
        ("nl", 2), ("fr", 2), ("com.br", 2), ("jp", 2), ("info", 2), ("xyz", 2), ("it", 1),
        ("pl", 1), ("es", 1), ("eu", 1), ("cn", 1), ("top", 1), ("online", 1), ("app", 1),
        ("dev", 1), ("com.au", 1), ("ca", 1), ("ch", 1), ("se", 1), ("co", 1)]
# IDN registrable names as they travel in DNS (A-labels).
IDN_LABELS = ["xn--mnchen-3ya", "xn--bcher-kva", "xn--caf-dma", "xn--80ak6aa92e",
              "xn--fiqs8s", "xn--wgv71a", "xn--strae-oqa", "xn--d1acufc"]
HOSTS = [("", 30), ("www", 40), ("api", 6), ("cdn", 4), ("mail", 4), ("m", 3), ("static", 3),
         ("login", 2), ("app", 2), ("img", 2), ("blog", 2), ("shop", 1), ("dev", 1)]
CLIENTS = ["10.1.%d.%d" % (i // 40, 10 + i % 40) for i in range(240)]
RESOLVERS = ["10.0.0.53", "10.0.0.54"]
SENSORS = ["sensor-fra-01", "sensor-ams-02", "sensor-iad-01"]
DAY = 86400
START = 1714521600  # 2024-05-01T00:00:00Z

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def zipf_cum(n, s=1.0):
    cum, total = [], 0.0
    for r in range(1, n + 1):
        total += 1.0 / r ** s
        cum.append(total)
    return cum


def weighted(items):
    names = [x for x, _ in items]
    cum = list(itertools.accumulate(w for _, w in items))
    return names, cum


def v6_full(groups):
    """Suricata's rendering: eight groups of four hex digits, nothing compressed."""
    return ":".join("%04x" % g for g in groups)


def v6_short(groups):
    """RFC 5952 (Zeek, COF): lower case, the longest run of zero groups compressed."""
    best, best_len, i = -1, 1, 0
    while i < 8:
        if groups[i] == 0:
            j = i
            while j < 8 and groups[j] == 0:
                j += 1
            if j - i > best_len:
                best, best_len = i, j - i
            i = j
        else:
            i += 1
    if best < 0:
        return ":".join("%x" % g for g in groups)
    head = ":".join("%x" % g for g in groups[:best])
    tail = ":".join("%x" % g for g in groups[best + best_len:])
    return head + "::" + tail


class World:
    """The population every output format draws from. Domains are named up front and
    fleshed out (hosts, resolutions, mail, name servers) on first use: a run touches the
    popular part of the population many times and much of the tail never."""

    def __init__(self, rng, n_domains):
        self.rng = rng
        rnd = rng.random
        # Faster than randint/choice/sample, which cost several Python calls each.
        self.ri = lambda lo, hi: lo + int(rnd() * (hi - lo + 1))
        self.pick = lambda seq: seq[int(rnd() * len(seq))]
        self._make_ip_pools(max(64, n_domains // 3))
        self._make_cdns()
        tld_names, tld_cum = weighted(TLDS)
        host_names, self.host_cum = weighted(HOSTS)
        self.host_names = host_names
        pick, ri, total = self.pick, self.ri, tld_cum[-1]
        seen = set()
        self.names = []
        while len(self.names) < n_domains:
            x = rnd()
            if x < 0.006:
                label = pick(IDN_LABELS) + ("" if x < 0.003 else "-" + pick(SYL))
            else:
                label = "".join([pick(SYL) for _ in range(ri(2, 4))])
                if x > 0.92:
                    label += str(ri(1, 99))
                elif x > 0.88:
                    label += "-" + pick(SYL) + pick(SYL)
            name = label + "." + tld_names[bisect.bisect(tld_cum, rnd() * total)]
            if name not in seen:
                seen.add(name)
                self.names.append(name)
        self.profiles = [None] * n_domains
        self.log_n = log(n_domains + 1)

    def domain(self, i):
        d = self.profiles[i]
        if d is None:
            d = self.profiles[i] = self._make_domain(self.names[i])
        return d

    def _make_ip_pools(self, n):
        ri, pick = self.ri, self.pick
        firsts = [5, 23, 31, 37, 45, 46, 51, 62, 78, 80, 81, 82, 85, 87, 88, 89, 91, 94, 95, 103,
                  104, 107, 109, 116, 138, 139, 141, 142, 144, 146, 149, 151, 157, 159, 162, 164,
                  167, 168, 170, 173, 176, 178, 185, 188, 192, 193, 194, 195, 198, 199, 203, 206,
                  207, 208, 209, 212, 213, 216, 217]
        nets = []
        while len(nets) < max(8, n // 12):
            a, b = pick(firsts), ri(0, 255)
            if (a, b) not in ((192, 168), (198, 18), (198, 19)):
                nets.append("%d.%d.%d." % (a, b, ri(0, 255)))
        self.hosting = ["%s%d" % (pick(nets), ri(1, 254)) for _ in range(n)]
        self.hosting_cum = zipf_cum(n, 0.8)
        self.v6_prefixes = [(0x2a01, 0x4f8, ri(0, 0xffff), ri(0, 0xffff)),
                            (0x2604, 0xa880, ri(0, 0xffff), ri(0, 0xfff)),
                            (0x2001, 0x41d0, ri(0, 0xffff), ri(0, 0xffff)),
                            (0x2a03, 0xb0c0, ri(0, 0xffff), ri(0, 0xffff)),
                            (0x2600, 0x3c00, 0, ri(0, 0xffff))]

    def _make_cdns(self):
        ri, pick = self.ri, self.pick

        def pool(prefixes, k):
            return ["%s.%d.%d" % (pick(prefixes), ri(0, 255), ri(1, 254)) for _ in range(k)]

        self.akamai = pool(["23.32", "23.45", "23.55", "104.96", "184.24", "2.16"], 400)
        self.cloudfront = pool(["13.224", "13.225", "18.64", "18.160", "99.86", "54.230"], 400)
        self.fastly = ["151.101.%d.%d" % (ri(0, 255), pick([1, 65, 129, 193])) for _ in range(120)]
        self.cloudflare = pool(["104.16", "104.17", "104.18", "104.21", "172.67", "172.64"], 400)
        self.elb = pool(["3.210", "3.33", "52.1", "52.20", "54.88", "34.192"], 400)
        self.github = ["185.199.108.153", "185.199.109.153", "185.199.110.153",
                       "185.199.111.153"]

    def _sample(self, pool, k):
        out = []
        while len(out) < k:
            x = self.pick(pool)
            if x not in out:
                out.append(x)
        return out

    def _hosting_ips(self, k):
        rnd, hosting, cum = self.rng.random, self.hosting, self.hosting_cum
        out = []
        for _ in range(k):
            ip = hosting[bisect.bisect(cum, rnd() * cum[-1])]
            if ip not in out:
                out.append(ip)
        return out

    def _v6(self):
        ri = self.ri
        p = self.pick(self.v6_prefixes)
        if self.rng.random() < 0.7:
            return p + (0, 0, 0, ri(1, 0x3fff))
        return p + (ri(0, 0xffff), ri(0, 0xffff), ri(0, 0xffff), ri(0, 0xffff))

    def _resolution(self, host, apex):
        """How `host` resolves: (cname chain [(owner, target, ttl)], v4 list, v6 list, ttl)."""
        ri, rnd = self.ri, self.rng.random
        x = rnd()
        chain = []
        if host != apex and x < 0.07:  # Akamai: two CNAME hops
            edge = "%s.edgekey.net" % host
            chain = [(host, edge, 300), (edge, "e%d.a.akamaiedge.net" % ri(1000, 9999), 21600)]
            v6 = [(0x2a02, 0x26f0, ri(0, 0xfff), ri(0, 0xffff), 0, 0, 0, ri(0x1000, 0xffff))
                  for _ in range(2)] if x < 0.04 else []
            return chain, self._sample(self.akamai, 2), v6, 20
        if host != apex and x < 0.14:  # CloudFront
            chain = [(host, "d%013x.cloudfront.net" % self.rng.getrandbits(52), 300)]
            return chain, self._sample(self.cloudfront, 4), [], 60
        if host != apex and x < 0.18:  # Fastly
            chain = [(host, "dualstack.%s.map.fastly.net" % apex.split(".")[0], 3600)]
            return chain, self._sample(self.fastly, 2), [], 30
        if host != apex and x < 0.22:  # AWS load balancer
            lb = "%s-%d.%s.elb.amazonaws.com" % (
                apex.split(".")[0][:20], ri(100000000, 999999999),
                self.pick(["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"]))
            return [(host, lb, 300)], self._sample(self.elb, 2), [], 60
        if host != apex and x < 0.235:  # GitHub Pages
            chain = [(host, "%s.github.io" % apex.split(".")[0], 3600)]
            return chain, list(self.github), [], 3600
        if host != apex and x < 0.33:  # www -> apex
            chain = [(host, apex, 3600)]
            host = apex
        if x < 0.45:  # proxied by Cloudflare: A records in its ranges, no CNAME
            v6 = [(0x2606, 0x4700, 0x3030 + ri(0, 3), 0, 0, 0, 0x6810, ri(0, 0xffff))
                  for _ in range(2)]
            return chain, self._sample(self.cloudflare, 2), v6, 300
        y = rnd()
        v6 = [self._v6()] if y < 0.3 else []
        ips = self._hosting_ips(1 if y < 0.7 else ri(2, 4))
        return chain, ips, v6, self.pick([300, 600, 3600, 3600, 14400, 86400])

    def _make_domain(self, apex):
        rnd, ri = self.rng.random, self.ri
        hosts = [("", apex), ("www", "www." + apex)]
        for _ in range(ri(0, 3)):
            h = self.host_names[bisect.bisect(self.host_cum, rnd() * self.host_cum[-1])]
            if h and all(h != x for x, _ in hosts):
                hosts.append((h, h + "." + apex))
        res = {name: self._resolution(name, apex) for _, name in hosts}
        y = rnd()
        if y < 0.3:
            mx = [(1, "aspmx.l.google.com"), (5, "alt1.aspmx.l.google.com")]
            spf = "v=spf1 include:_spf.google.com ~all"
        elif y < 0.5:
            mx = [(0, apex.replace(".", "-") + ".mail.protection.outlook.com")]
            spf = "v=spf1 include:spf.protection.outlook.com -all"
        else:
            mx = [(10, "mx1." + apex), (20, "mx2." + apex)]
            spf = "v=spf1 mx a ip4:%s ~all" % self._hosting_ips(1)[0]
        z = rnd()
        if z < 0.35:
            pair = self._sample(["ada", "bob", "cruz", "dana", "elle", "fred", "gina", "hank"], 2)
            ns = ["%s.ns.cloudflare.com" % p for p in pair]
        elif z < 0.55:
            n = ri(1, 2047)
            ns = ["ns-%d.awsdns-%02d.com" % (n, n % 64), "ns-%d.awsdns-%02d.net" % (n + 512, n % 64)]
        else:
            ns = ["ns1." + apex, "ns2." + apex]
        return (apex, hosts, res, mx, spf, ns)


DGA_TLDS = ["com", "net", "info", "ru", "xyz", "top"]


def nxdomain_name(rng, world):
    r = rng.random()
    if r < 0.6:  # DGA-like: 10-22 random letters (a third of them with digits too)
        b = rng.getrandbits(128)
        alphabet = 36 if r < 0.2 else 26
        length, b = 10 + b % 13, b // 13
        tld, b = DGA_TLDS[b % 6], b // 6
        label = []
        for _ in range(length):
            label.append("abcdefghijklmnopqrstuvwxyz0123456789"[b % alphabet])
            b //= alphabet
        return "".join(label) + "." + tld
    if r < 0.85:  # typo of a popular name: one letter dropped
        apex = world.names[int(r * 1000) % min(50, len(world.names))]
        i = int(r * 7919) % len(apex.split(".")[0])
        return apex[:i] + apex[i + 1:]
    return ["wpad.", "isatap.", "_ldap._tcp.dc._msdcs.", "printer."][int(r * 400) % 4] + "corp.local"


TLD_SOA = {"com": ("a.gtld-servers.net", "nstld.verisign-grs.com"),
           "net": ("a.gtld-servers.net", "nstld.verisign-grs.com"),
           "org": ("a0.org.afilias-nst.info", "hostmaster.donuts.email"),
           "ru": ("a.dns.ripn.net", "hostmaster.ripn.net"),
           "info": ("a0.info.afilias-nst.info", "hostmaster.donuts.email"),
           "xyz": ("ns0.centralnic.net", "hostmaster.centralnic.net"),
           "top": ("a.zdnscloud.com", "dnsadm.zdns.cn"),
           "local": ("localhost", "nobody.invalid")}


def soa_for(zone, ns=None):
    """The authority-section SOA of a negative answer: (owner, "SOA", ttl, rdata)."""
    if ns is None:
        mname, rname = TLD_SOA.get(zone, ("a.nic." + zone, "hostmaster.nic." + zone))
        return (zone, "SOA", 900, "%s %s 1714521600 1800 900 604800 86400" % (mname, rname))
    return (zone, "SOA", 3600, "%s hostmaster.%s 2024050101 7200 3600 1209600 3600" % (ns, zone))


class Traffic:
    """The stream of client lookups, the hot loop of every writer.

    draws(k, render, memo) draws k lookups and returns render(transaction) for each, where a
    transaction is (qname, qtype, rcode, answers, authorities) and answers are (owner,
    rrtype, ttl, rdata) with AAAA rdata a tuple of eight groups. Renderings are memoized
    per lookup key (equal keys, equal transactions), so popular names cost a dict lookup.
    Everything runs in one loop over locals: CPython pays per call and per attribute, not
    per byte."""

    def __init__(self, world):
        self.world = world

    def draws(self, k, render, memo):
        w = self.world
        rand = w.rng.random
        profiles = w.profiles
        make_domain = w.domain
        log_n = w.log_n
        if len(memo) > 300000:  # about 0.3 GB
            memo.clear()
        out = []
        append = out.append
        for _ in range(k):
            # Zipf (s=1) by inverting its continuous CDF: P(rank < r) = ln(r + 1) / ln(n + 1).
            i = int(exp(rand() * log_n)) - 1
            r = rand()
            if r >= 0.15:  # the bulk: A or AAAA for a population name
                d = profiles[i] or make_domain(i)
                hosts = d[1]
                h = r * 64.0 % 1.0  # the host, from r's low bits
                slot = 0 if h < 0.35 else 1 if h < 0.8 or len(hosts) == 2 else \
                    2 + int((h - 0.8) * 5 * (len(hosts) - 2))
                key = i * 64 + slot * 2 + (r < 0.40)
                v = memo.get(key)
                if v is None:
                    v = memo[key] = render(lookup(d, hosts[slot][1], "AAAA" if r < 0.40 else "A"))
                append(v)
            else:
                key, tx = self._rare(r, i)
                v = memo.get(key) if key is not None else None
                if v is None:
                    v = render(tx())
                    if key is not None:
                        memo[key] = v
                append(v)
        return out

    def _rare(self, r, i):
        """The other 15%: (key or None, a function making the transaction)."""
        w = self.world
        if r < 0.05:
            name = nxdomain_name(w.rng, w)
            tx = (name, "A", "NXDOMAIN", [], [soa_for(name.rsplit(".", 1)[1])])
            return None, lambda: tx
        if r < 0.06:  # internal names: RFC 1918 answers under a non-public suffix
            host = w.pick(["intranet", "fileserver", "git", "wiki", "jira", "vpn"]) + ".corp.local"
            ip = "10.20.%d.%d" % (w.ri(0, 9), w.ri(1, 254))
            tx = (host, "A", "NOERROR", [(host, "A", 1200, ip)], [])
            return None, lambda: tx
        d = w.profiles[i] or w.domain(i)
        if r < 0.065:
            return -1 - i * 8, lambda: (d[1][1][1], "A", "SERVFAIL", [], [])
        kind = 0 if r < 0.09 else 1 if r < 0.11 else 2 if r < 0.125 else 3
        return -2 - (i * 8 + kind), lambda: other_lookup(d, kind, None)


def lookup(d, host, qtype):
    """The answer to an A or AAAA query for a population name (NODATA when it has none)."""
    chain, v4, v6, ttl = d[2][host]
    answers = [(o, "CNAME", t, target) for o, target, t in chain]
    addrs = v6 if qtype == "AAAA" else v4
    final = chain[-1][1] if chain else host
    if not addrs:  # NODATA: the SOA of the zone holding the last name of the chain
        if final == host or final.endswith("." + d[0]) or final == d[0]:
            return (host, qtype, "NOERROR", answers, [soa_for(d[0], d[5][0])])
        zone = final.split(".", 1)[1]
        return (host, qtype, "NOERROR", answers, [soa_for(zone, "ns1." + zone)])
    answers.extend((final, qtype, ttl, a) for a in addrs)
    return (host, qtype, "NOERROR", answers, [])


def other_lookup(d, kind, _):
    """MX, TXT, NS of the apex, or PTR of its first address."""
    apex = d[0]
    if kind == 0:
        return (apex, "MX", "NOERROR", [(apex, "MX", 3600, h) for _, h in d[3]], [])
    if kind == 1:
        return (apex, "TXT", "NOERROR", [(apex, "TXT", 3600, d[4])], [])
    if kind == 2:
        return (apex, "NS", "NOERROR", [(apex, "NS", 86400, n) for n in d[5]], [])
    o = d[2][apex][1][0].split(".")
    ptr = "%s.%s.%s.%s.in-addr.arpa" % (o[3], o[2], o[1], o[0])
    target = ("static.%s.clients.your-server.de" % "-".join(reversed(o))
              if len(apex) % 2 else apex)
    return (ptr, "PTR", "NOERROR", [(ptr, "PTR", 86400, target)], [])


# ---------------------------------------------------------------------------------------
# Suricata EVE

QTYPE_NUM = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15, "TXT": 16, "AAAA": 28}
RCODE_FLAGS = {"NOERROR": "8180", "NXDOMAIN": "8183", "SERVFAIL": "8182"}


def json_str(s):
    if '"' in s or "\\" in s:
        s = s.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + s + '"'


def eve_rdata(rrtype, rdata):
    return v6_full(rdata) if rrtype == "AAAA" else rdata


def eve_answer_obj(owner, rrtype, ttl, rdata):
    if rrtype == "SOA":
        m, rn, serial, refresh, retry, expire, minimum = rdata.split(" ")
        return ('{"rrname":%s,"rrtype":"SOA","ttl":%d,"soa":{"mname":%s,"rname":%s,"serial":%s,'
                '"refresh":%s,"retry":%s,"expire":%s,"minimum":%s}}'
                % (json_str(owner), ttl, json_str(m), json_str(rn), serial, refresh, retry,
                   expire, minimum))
    if rrtype == "TXT":
        return '{"rrname":"%s","rrtype":"TXT","ttl":%d,"rdata":%s}' % (owner, ttl, json_str(rdata))
    # Names and addresses need no escaping.
    return '{"rrname":"%s","rrtype":"%s","ttl":%d,"rdata":"%s"}' % (
        owner, rrtype, ttl, v6_full(rdata) if rrtype == "AAAA" else rdata)


def eve_v2_body(tx):
    """The part of a version 2 answer after "id": flags, query, rcode, answers, grouped."""
    qname, qtype, rcode, answers, auth = tx
    parts = ['"flags":"%s","qr":true,"rd":true,"ra":true,"opcode":0,"rrname":%s,"rrtype":"%s",'
             '"rcode":"%s"' % (RCODE_FLAGS[rcode], json_str(qname), qtype, rcode)]
    if answers:
        parts.append(',"answers":[%s]' % ",".join(eve_answer_obj(*a) for a in answers))
        grouped = {}
        for _, rrtype, _, rdata in answers:
            grouped.setdefault(rrtype, []).append(json_str(eve_rdata(rrtype, rdata)))
        parts.append(',"grouped":{%s}' % ",".join('"%s":[%s]' % (k, ",".join(v))
                                                  for k, v in grouped.items()))
    if auth:
        parts.append(',"authorities":[%s]' % ",".join(eve_answer_obj(*a) for a in auth))
    return "".join(parts)


def eve_v1_bodies(tx):
    """Version 1: one event per answer record, then per authority record (a SOA has no
    rdata in this version); a failure (rcode other than NOERROR) is one short event."""
    qname, qtype, rcode, answers, auth = tx
    if rcode != "NOERROR":
        return ['"rcode":"%s","rrname":%s' % (rcode, json_str(qname))]
    head = '"flags":"8180","qr":true,"rd":true,"ra":true,"rcode":"NOERROR",'
    out = [head + '"rrname":%s,"rrtype":"%s","ttl":%d,"rdata":%s' % (
        json_str(o), t, ttl, json_str(eve_rdata(t, rd))) for o, t, ttl, rd in answers]
    out.extend(head + '"rrname":%s,"rrtype":"%s","ttl":%d' % (json_str(o), t, ttl)
               for o, t, ttl, _ in auth)
    return out


class Clock:
    """Times in order over the span: next() advances by a random step (mean span/records)
    and returns microseconds; iso() renders Suricata's "2024-05-01T10:00:00.123456+0000"
    with the minute's prefix memoized (one small format per record)."""

    def __init__(self, rng, records, days):
        self.rand = rng.random
        self.step2 = 2 * days * DAY * 1e6 / max(1, records)
        self.t = START * 1e6
        self.minute_start = self.minute_end = -1
        self.prefix = ""

    def next(self):
        self.t += self.rand() * self.step2
        return int(self.t)

    def iso(self, us):
        s, frac = divmod(us, 1000000)
        if not self.minute_start <= s < self.minute_end:
            self.minute_start = s - s % 60
            self.minute_end = self.minute_start + 60
            self.prefix = time.strftime("%Y-%m-%dT%H:%M:", time.gmtime(self.minute_start))
        return "%s%02d.%06d+0000" % (self.prefix, s - self.minute_start, frac)


def connections(rng, fmt):
    """65536 (client, source port, resolver) renderings to pick from by 16 random bits."""
    return [fmt % (CLIENTS[int(rng.random() * len(CLIENTS))], 1024 + int(rng.random() * 64000),
                   RESOLVERS[rng.random() < 0.2]) for _ in range(65536)]


EVE_HEAD = ('{"timestamp":"%s","flow_id":%d,"in_iface":"eth0","event_type":"dns",%s,'
            '"dest_port":53,"proto":"UDP","pkt_src":"wire/pcap","dns":{')
EVE_CONN = '"src_ip":"%s","src_port":%d,"dest_ip":"%s"'
EVE_ANSWER = EVE_HEAD + '"version":2,"type":"answer","id":%d,%s}}\n'
EVE_QUERY = EVE_HEAD + '"type":"query","id":%d,%s}}\n'
EVE_V1 = EVE_HEAD + '"type":"answer","id":%d,%s}}\n'


def write_eve(world, n, out, clock):
    rng = world.rng
    bits = rng.getrandbits
    traffic = Traffic(world)
    conns = connections(rng, EVE_CONN)
    memo = {}

    def render(tx):
        query = '"rrname":%s,"rrtype":"%s","tx_id":0,"opcode":0' % (json_str(tx[0]), tx[1])
        return tx, query, eve_v2_body(tx)

    rand = rng.random
    salt = bits(64)
    # The clock, inlined: this loop runs per record.
    t, step2 = clock.t, clock.step2
    minute_start = minute_end = -1
    prefix = ""
    written = 0
    serial = 0
    while written < n:
        buf = []
        append = buf.append
        for tx, query, body in traffic.draws(min(8192, n - written), render, memo):
            # Flow ids: a counter through a multiplicative hash (distinct, random-looking,
            # and cheaper than drawing 51 random bits); the DNS id and the client's source
            # from its bits.
            serial += 1
            flow = ((serial * 0x9E3779B97F4A7C15 ^ salt) >> 13) & 0x7FFFFFFFFFFFF
            conn, dns_id = conns[flow & 0xffff], (flow >> 16) & 0xffff
            t += rand() * step2
            us = int(t)
            x = rand()
            if written >= n:  # the extra lines below can end the run mid-batch
                break
            if x < 0.3:  # the request is logged too, before its answer
                append(EVE_QUERY % (clock.iso(us), flow, conn, dns_id, query))
                written += 1
                if written >= n:
                    break
                us += 1000 + int(x * 100000)
            s, frac = divmod(us, 1000000)
            if not minute_start <= s < minute_end:
                minute_start = s - s % 60
                minute_end = minute_start + 60
                prefix = time.strftime("%Y-%m-%dT%H:%M:", time.gmtime(minute_start))
            ts = "%s%02d.%06d+0000" % (prefix, s - minute_start, frac)
            if x >= 0.95:  # version 1: one event per answer record
                for v1 in eve_v1_bodies(tx)[:n - written]:
                    append(EVE_V1 % (ts, flow, conn, dns_id, v1))
                    written += 1
            else:
                append(EVE_ANSWER % (ts, flow, conn, dns_id, body))
                written += 1
        out.write("".join(buf))
    clock.t = t
    return written


# ---------------------------------------------------------------------------------------
# Zeek dns.log

ZEEK_FIELDS = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto",
               "trans_id", "rtt", "query", "qclass", "qclass_name", "qtype", "qtype_name",
               "rcode", "rcode_name", "AA", "TC", "RD", "RA", "Z", "answers", "TTLs", "rejected"]
ZEEK_TYPES = ["time", "string", "addr", "port", "addr", "port", "enum", "count", "interval",
              "string", "count", "string", "count", "string", "count", "string", "bool", "bool",
              "bool", "bool", "count", "vector[string]", "vector[interval]", "bool"]
RCODE_NUM = {"NOERROR": 0, "SERVFAIL": 2, "NXDOMAIN": 3}


def zeek_answer(rrtype, rdata):
    if rrtype == "AAAA":
        return v6_short(rdata)
    if rrtype == "TXT":  # Zeek's rendering of TXT strings
        return "TXT %d %s" % (len(rdata), rdata)
    return rdata


def zeek_escape(s):
    return s.replace("\\", "\\x5c").replace("\t", "\\x09").replace(",", "\\x2c")


def zeek_tsv_body(tx, timeout):
    """Columns from query to rejected."""
    qname, qtype, rcode, answers, _ = tx
    q = "%s\t1\tC_INTERNET\t%d\t%s" % (zeek_escape(qname), QTYPE_NUM[qtype], qtype)
    if timeout:
        return q + "\t-\t-\tF\tF\tT\tF\t0\t-\t-\tF"
    ans = ",".join(zeek_escape(zeek_answer(t, rd)) for _, t, _, rd in answers) or "-"
    ttls = ",".join("%d.000000" % ttl for _, _, ttl, _ in answers) or "-"
    return "%s\t%d\t%s\tF\tF\tT\tT\t0\t%s\t%s\tF" % (q, RCODE_NUM[rcode], rcode, ans, ttls)


def zeek_json_body(tx, timeout):
    qname, qtype, rcode, answers, _ = tx
    q = '"query":%s,"qclass":1,"qclass_name":"C_INTERNET","qtype":%d,"qtype_name":"%s"' % (
        json_str(qname), QTYPE_NUM[qtype], qtype)
    if timeout:
        return q + ',"AA":false,"TC":false,"RD":true,"RA":false,"Z":0,"rejected":false'
    q += ',"rcode":%d,"rcode_name":"%s","AA":false,"TC":false,"RD":true,"RA":true,"Z":0' % (
        RCODE_NUM[rcode], rcode)
    if answers:
        q += ',"answers":[%s],"TTLs":[%s]' % (
            ",".join(json_str(zeek_answer(t, rd)) for _, t, _, rd in answers),
            ",".join("%d.0" % ttl for _, _, ttl, _ in answers))
    return q + ',"rejected":false'


ZEEK_TSV = "%d.%06d\t%s\t%s\t53\tudp\t%d\t%s\t%s\n"
ZEEK_TSV_CONN = "%s\t%d\t%s"
ZEEK_JSON = ('{"ts":%d.%06d,"uid":"%s",%s,"id.resp_p":53,"proto":"udp","trans_id":%d%s,%s}\n')
ZEEK_JSON_CONN = '"id.orig_h":"%s","id.orig_p":%d,"id.resp_h":"%s"'


def write_zeek(world, n, out, clock, as_json):
    rng = world.rng
    bits = rng.getrandbits
    traffic = Traffic(world)
    conns = connections(rng, ZEEK_JSON_CONN if as_json else ZEEK_TSV_CONN)
    # Connection uids: "C" and 17 base62 characters, from three pooled chunks.
    chunks = ["".join([world.pick(B62) for _ in range(6)]) for _ in range(4096)]
    if not as_json:
        out.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
                  "#unset_field\t-\n#path\tdns\n#open\t%s\n#fields\t%s\n#types\t%s\n" % (
                      time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime(START)),
                      "\t".join(ZEEK_FIELDS), "\t".join(ZEEK_TYPES)))
    body = zeek_json_body if as_json else zeek_tsv_body
    line = ZEEK_JSON if as_json else ZEEK_TSV
    rtt_fmt, rtt_unset = (',"rtt":%.6f', "") if as_json else ("%.6f", "-")
    memo = {}
    written = 0
    while written < n:
        k = min(8192, n - written)
        buf = []
        append = buf.append
        # Each lookup rendered answered and timed out (2% get no response at all).
        for answered, timed_out in traffic.draws(k, lambda tx: (body(tx, False), body(tx, True)),
                                                 memo):
            # 76 random bits: uid (36), source (16), transaction id (16), fate (8).
            b = bits(76)
            timeout = b & 0xff < 5
            us = clock.next()
            uid = "C" + chunks[b >> 64] + chunks[(b >> 52) & 4095] + chunks[(b >> 40) & 4095][:5]
            rtt = rtt_unset if timeout else rtt_fmt % ((b >> 8 & 0xffff) * 1.2e-6)
            append(line % (us // 1000000, us % 1000000, uid, conns[(b >> 24) & 0xffff],
                           b >> 8 & 0xffff, rtt, timed_out if timeout else answered))
        out.write("".join(buf))
        written += k
    if not as_json:
        out.write("#close\t%s\n" % time.strftime("%Y-%m-%d-%H-%M-%S",
                                                 time.gmtime(clock.t // 1000000 + 1)))
    return n


# ---------------------------------------------------------------------------------------
# Passive DNS Common Output Format

def cof_tuples(world, domain, rank):
    """Every (rrname, rrtype, [rdata], bailiwick, weight) a pDNS server holds for a domain."""
    apex, hosts, res, mx, spf, ns = domain
    out = [(apex, "NS", ns, apex, 0.5), (apex, "MX", ["%d %s" % p for p in mx], apex, 0.2),
           (apex, "TXT", ['"%s"' % spf], apex, 0.1)]
    def zone(name):  # the bailiwick: the apex, or the provider's zone
        return apex if name == apex or name.endswith("." + apex) else ".".join(name.split(".")[-2:])

    for _, host in hosts:
        chain, v4, v6, _ = res[host]
        for owner, target, _ in chain:
            out.append((owner, "CNAME", [target], zone(owner), 1.0))
        final = chain[-1][1] if chain else host
        if v4:
            out.append((final, "A", v4, zone(final), 1.0))
        if v6:
            out.append((final, "AAAA", [v6_short(g) for g in v6], zone(final), 0.4))
    # Address history: the domain moved hosting once or twice in the past.
    for _ in range(world.ri(0, 2)):
        out.append((apex, "A", world._hosting_ips(1), apex, 0.05))
    return out


NAME_RDATA = ("CNAME", "NS", "PTR", "MX")  # end in a name: absolute with a trailing dot
COF_DNSDB = ('{"count":%d,"time_first":%d,"time_last":%d,"rrname":"%s.","rrtype":"%s",'
             '"bailiwick":"%s.","rdata":%s}\n')
COF_CIRCL = ('{"rrname":"%s","rrtype":"%s","rdata":%s,"time_first":%d,"time_last":%d,'
             '"count":%d,"bailiwick":"%s","sensor_id":"%s"}\n')


def cof_rdata(rrtype, rdata, dnsdb):
    """rdata in presentation form as pDNS servers show it: DNSDB writes absolute names and
    always an array; CIRCL relative names, and a string for a single record."""
    if rrtype == "TXT":
        items = [json_str(x) for x in rdata]
    elif dnsdb and rrtype in NAME_RDATA:
        items = ['"%s."' % x for x in rdata]
    else:
        items = ['"%s"' % x for x in rdata]
    return items[0] if len(items) == 1 and not dnsdb else "[" + ",".join(items) + "]"


def write_cof(world, n, out, days):
    rng = world.rng
    rand = rng.random
    span = days * DAY
    end = START + span
    written = 0
    buf = []
    order = list(range(len(world.names)))
    rng.shuffle(order)
    for rank in itertools.cycle(order):
        if written >= n:
            break
        seen = set()
        base = 4e6 / (rank + 1)
        for rrname, rrtype, rdata, zone, w in cof_tuples(world, world.domain(rank), rank):
            if written >= n:
                break
            key = (rrname, rrtype, rdata[0])
            if key in seen:  # (rrname, rrtype, rdata) is unique per server
                continue
            seen.add(key)
            count = int(base * w * (0.05 + rand()) ** -1.5 / 30) or 1
            first = START + int(rand() * span * 0.9)
            last = first + int(rand() * span * (0.2 if count < 5 else 1))
            if last > end:
                last = end
            if rand() < 0.5:
                buf.append(COF_DNSDB % (count, first, last, rrname, rrtype, zone,
                                        cof_rdata(rrtype, rdata, True)))
            else:
                buf.append(COF_CIRCL % (rrname, rrtype, cof_rdata(rrtype, rdata, False), first,
                                        last, count, zone, SENSORS[rank % len(SENSORS)]))
            written += 1
            if len(buf) >= 8192:
                out.write("".join(buf))
                buf.clear()
    out.write("".join(buf))
    return written


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--format", required=True, choices=["eve", "cof", "zeek", "zeek-json"])
    p.add_argument("--records", type=int, required=True)
    p.add_argument("--out", required=True, help="output file ('-' for stdout)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--days", type=int, default=30)
    p.add_argument("--domains", type=int, default=0,
                   help="registrable domains in the population (default: scales with --records)")
    a = p.parse_args()
    # Nothing here makes reference cycles, and the collector's passes over the growing memo
    # of rendered answers and the population would cost a fifth of the run.
    gc.disable()
    rng = random.Random(a.seed)
    # COF needs about one domain per 5 records (each domain holds ~8 unique RRsets); traffic
    # formats draw a Zipf-popular population of one registrable domain per 100 records.
    n_domains = a.domains or max(200, min(400000, a.records // (5 if a.format == "cof" else 100)))
    world = World(rng, n_domains)
    clock = Clock(rng, a.records, a.days)
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8", newline="\n")
    try:
        if a.format == "eve":
            write_eve(world, a.records, out, clock)
        elif a.format == "cof":
            write_cof(world, a.records, out, a.days)
        else:
            write_zeek(world, a.records, out, clock, a.format == "zeek-json")
    finally:
        if out is not sys.stdout:
            out.close()
    sys.stdout.flush()
    # Tearing down millions of objects one by one takes seconds; the OS frees them at once.
    os._exit(0)


if __name__ == "__main__":
    main()
