#!/usr/bin/env python3
"""Writes a deterministic synthetic indicator list for ingest benchmarks.

gen_list.py LINES OUT [--mix ipv4|mixed] [--seed N]

ipv4: random public-looking IPv4 addresses (like ipsum, at any size).
mixed: 70% IPv4, 15% domains, 10% URLs, 5% SHA-256, the rough shape of real blocklists.
"""
import argparse
import random

SYL = ["ka", "lo", "mi", "ne", "ro", "ta", "vi", "zu", "pe", "sa", "do", "ri", "fu", "ge"]
TLDS = ["com", "net", "org", "ru", "info", "xyz", "top", "de", "co.uk", "io"]


def ipv4(r):
    return "%d.%d.%d.%d" % (r.randint(1, 223), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def domain(r):
    return "".join(r.choice(SYL) for _ in range(r.randint(2, 5))) + "." + r.choice(TLDS)


def line(r, mix):
    if mix == "ipv4":
        return ipv4(r)
    x = r.random()
    if x < 0.70:
        return ipv4(r)
    if x < 0.85:
        return domain(r)
    if x < 0.95:
        return "http://%s/%s/%s.php" % (domain(r), "".join(r.choice(SYL) for _ in range(3)),
                                        "".join(r.choice(SYL) for _ in range(2)))
    return "%064x" % r.getrandbits(256)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("lines", type=int)
    p.add_argument("out")
    p.add_argument("--mix", default="ipv4", choices=["ipv4", "mixed"])
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    r = random.Random(a.seed)
    with open(a.out, "w") as f:
        for _ in range(a.lines):
            f.write(line(r, a.mix) + "\n")


if __name__ == "__main__":
    main()
