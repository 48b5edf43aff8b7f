#!/usr/bin/env python3
"""Every corpus under ../shared/data, pulled through `loupe sources` with
examples/shared-data-sources.toml into a fresh store: no crash, a per-source
accepted/rejected count, and a second pull that changes nothing.

Usage: shared_data_test.py LOUPE_BINARY SOURCES_TOML
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

LOUPE = sys.argv[1] if len(sys.argv) > 1 else "build/app/loupe"
SOURCES = sys.argv[2] if len(sys.argv) > 2 else "examples/shared-data-sources.toml"
LINE = re.compile(r"^(\S+): updated from (\d+) file\(s\) .*: (\d+) records, (\d+) accepted, "
                  r"(\d+) rejected, (\d+) skipped, (\d+) expired")


def run(db, *args):
    proc = subprocess.run([LOUPE, "--db", db, "--sources", SOURCES, *args],
                          capture_output=True, text=True, timeout=1200)
    return proc.returncode, proc.stdout, proc.stderr


class SharedData(unittest.TestCase):
    def test_every_corpus_pulls_and_a_second_pull_changes_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "db")
            code, out, err = run(db, "sources", "pull")
            self.assertEqual(code, 0, out + err)
            counts = {}
            for line in out.splitlines():
                m = LINE.match(line)
                if m:
                    counts[m.group(1)] = dict(files=int(m.group(2)), records=int(m.group(3)),
                                              accepted=int(m.group(4)), rejected=int(m.group(5)),
                                              skipped=int(m.group(6)))
            expected = {"ipsum", "maltrail", "misp-warninglists", "eset-hashes", "eset-misp",
                        "unit42", "mitre-attack"}
            self.assertEqual(set(counts), expected, out)
            for name, c in counts.items():
                self.assertEqual(c["records"], c["accepted"] + c["rejected"] + c["skipped"], name)
                self.assertGreater(c["files"], 0, name)
                # Real corpora are mostly good data; rejections stay a small share.
                self.assertLess(c["rejected"], max(10, c["records"] // 20), name)
            for name in expected - {"mitre-attack"}:  # MITRE: actors and malware, no IOCs
                self.assertGreater(counts[name]["accepted"], 0, name)
            self.assertGreater(counts["ipsum"]["accepted"], 100000)
            self.assertGreater(counts["maltrail"]["accepted"], 1000000)

            stats = json.loads(run(db, "stats", "--json")[1])
            code, out, err = run(db, "sources", "pull")
            self.assertEqual(code, 0, out + err)
            for name in expected:
                self.assertIn(name + ": unchanged", out)
            again = json.loads(run(db, "stats", "--json")[1])
            self.assertEqual(again["last_sequence"], stats["last_sequence"])

            code, out, err = run(db, "sources", "status", "maltrail")
            self.assertEqual(code, 0, err)
            self.assertIn("accepted", out)
            self.assertIn("rejected", out)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
