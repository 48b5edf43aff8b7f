#!/usr/bin/env python3
"""End-to-end tests of the `loupe` binary on the real corpora (../shared/data).

Usage: cli_e2e_test.py LOUPE_BINARY SHARED_DATA_DIR
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

LOUPE = sys.argv[1] if len(sys.argv) > 1 else "build/app/loupe"
DATA = sys.argv[2] if len(sys.argv) > 2 else "../shared/data"
IPSUM = os.path.join(DATA, "ipsum", "ipsum.txt")


def run(db, *args):
    proc = subprocess.run([LOUPE, "--db", db, *args], capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def first_ipsum_ip():
    with open(IPSUM) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                return line.split()[0]
    raise AssertionError("ipsum has no data line")


class IpsumEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "db")
        cls.ingest = run(cls.db, "ingest", IPSUM, "--format", "list", "--source", "ipsum")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_ingest_reports_counts(self):
        code, _, err = self.ingest
        self.assertEqual(code, 0, err)
        self.assertIn("accepted", err)
        self.assertIn("0 rejected", err)

    def test_lookup_of_a_listed_ip_prints_zone_and_score(self):
        code, out, err = run(self.db, "lookup", "get_ip_report", first_ipsum_ip(), "--format", "flat")
        self.assertEqual(code, 0, err)
        flat = json.loads(out)
        self.assertIn("$KLZone", flat)
        self.assertIn("$KLThreatScore", flat)
        self.assertNotEqual(flat["$KLZone"], "Grey")
        self.assertTrue(all(k.startswith("$KL") for k in flat))

    def test_unknown_ip_is_grey_and_exits_1(self):
        listed = {line.split()[0] for line in open(IPSUM) if line.strip() and not line.startswith("#")}
        unknown = next(f"9.9.{a}.{b}" for a in range(256) for b in range(1, 255)
                       if f"9.9.{a}.{b}" not in listed)
        code, out, _ = run(self.db, "lookup", "get_ip_report", unknown, "--format", "flat")
        self.assertEqual(code, 1)
        self.assertEqual(json.loads(out)["$KLZone"], "Grey")

    def test_bad_input_and_usage_exit_2(self):
        code, _, err = run(self.db, "lookup", "get_ip_report", "999.1.1.1")
        self.assertEqual(code, 2)
        self.assertIn("octet", err)
        self.assertEqual(run(self.db, "lookup", "get_ip_report", "example.com")[0], 2)
        self.assertEqual(run(self.db, "lookup", "get_everything", "1.1.1.1")[0], 2)
        self.assertEqual(run(self.db, "frobnicate")[0], 2)

    def test_report_detects_the_type(self):
        ip = first_ipsum_ip()
        code, out, err = run(self.db, "report", ip, "--format", "json")
        self.assertEqual(code, 0, err)
        report = json.loads(out)
        self.assertEqual(report["IpGeneralInfo"]["Ip"], ip)
        self.assertIn("Verdict", report)
        code, out, _ = run(self.db, "report", ip, "--format", "table")
        self.assertEqual(code, 0)
        self.assertIn("IpGeneralInfo", out)

    def test_stats_and_version(self):
        code, out, _ = run(self.db, "stats", "--json")
        self.assertEqual(code, 0)
        stats = json.loads(out)
        self.assertEqual([s["name"] for s in stats["sources"]], ["ipsum"])
        code, out, _ = run(self.db, "version")
        self.assertEqual(code, 0)
        self.assertTrue(out.startswith("loupe "))


class MissingStore(unittest.TestCase):
    def test_lookup_without_a_store_says_how_to_make_one(self):
        with tempfile.TemporaryDirectory() as tmp:
            code, _, err = run(os.path.join(tmp, "nothing"), "lookup", "get_ip_report", "1.1.1.1")
            self.assertEqual(code, 3)
            self.assertIn("no store at", err)


class ReviewEndToEnd(unittest.TestCase):
    """Analyst review through the CLI: override, history, time travel, clear."""

    def verdict(self, db, ip, *extra):
        code, out, err = run(db, "report", ip, "--sections", "Verdict", *extra)
        self.assertEqual(code, 0, err)
        return json.loads(out)["Verdict"]

    def test_false_positive_history_as_of_and_clear(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "db")
            code, _, err = run(db, "ingest", IPSUM, "--format", "list", "--source", "ipsum",
                               "--reliability", "90")
            self.assertEqual(code, 0, err)
            ip = first_ipsum_ip()
            before = self.verdict(db, ip)
            self.assertEqual(before["Zone"], "Red")
            self.assertTrue(before["Reasons"][0].startswith("Red 90: ipsum"), before["Reasons"])
            self.assertEqual(before["Contributions"][0]["Source"], "ipsum")

            time.sleep(1.1)  # reviews are timed in seconds: keep the fp after `before`
            code, out, err = run(db, "verdict", "fp", ip, "--reason", "our scanner",
                                 "--author", "ana")
            self.assertEqual(code, 0, err)
            self.assertIn("Green: marked false positive by ana: our scanner", out)
            after = self.verdict(db, ip)
            self.assertEqual(after["Zone"], "Green")
            self.assertEqual(after["Contributions"][0]["Kind"], "override")

            code, out, err = run(db, "verdict", "history", ip, "--format", "json")
            self.assertEqual(code, 0, err)
            history = json.loads(out)
            self.assertEqual([(h["action"], h["author"]) for h in history],
                             [("false-positive", "ana")])

            # As of the first report, the false positive had not been marked.
            self.assertEqual(self.verdict(db, ip, "--as-of", before["JudgedAt"])["Zone"], "Red")

            code, _, err = run(db, "verdict", "clear", ip, "--author", "ana")
            self.assertEqual(code, 0, err)
            self.assertEqual(self.verdict(db, ip)["Zone"], "Red")

            code, _, err = run(db, "verdict", "set", ip, "--zone", "Purple", "--reason", "x")
            self.assertEqual(code, 2)
            code, _, err = run(db, "verdict", "set", ip, "--zone", "Red")
            self.assertEqual(code, 2, "a reason is required")

            code, out, err = run(db, "verdict", "recompute")
            self.assertEqual(code, 0, err)
            self.assertIn("verdicts stored", out)


class DemoEndToEnd(unittest.TestCase):
    def test_demo_world_answers_every_lookup(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "db")
            code, _, err = run(db, "demo", "--objects", "2000")
            self.assertEqual(code, 0, err)
            # The first cluster's network is 11.0.0.0/24; its first IPs hold demo objects.
            code, out, _ = run(db, "report", "11.0.0.0", "--format", "json")
            self.assertIn(code, (0, 1))
            self.assertEqual(json.loads(out)["IpWhoIs"]["Net"]["Name"].endswith("-NET"), True)
            code, out, _ = run(db, "stats", "--json")
            self.assertGreater(json.loads(out)["last_sequence"], 0)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
