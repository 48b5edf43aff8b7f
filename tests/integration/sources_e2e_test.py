#!/usr/bin/env python3
"""End-to-end tests of `loupe sources`: pulls over HTTP from a local server (127.0.0.1, a
free port) with ETag validators, snapshot expiry, gzip/zip archives, idempotent re-pulls,
and failures recorded in `loupe sources status`.

Usage: sources_e2e_test.py LOUPE_BINARY MAKE_MMDB_SCRIPT
"""
import json
import gzip
import http.server
import io
import os
import re
import subprocess
import sys
import tempfile
import threading
import unittest
import zipfile

LOUPE = sys.argv[1] if len(sys.argv) > 1 else "build/app/loupe"
MAKE_MMDB = sys.argv[2] if len(sys.argv) > 2 else "tools/make_mmdb.py"


class FeedServer(http.server.ThreadingHTTPServer):
    """Serves self.files[path] = (body, etag); records every request's validators."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FeedHandler)
        self.files = {}
        self.requests = []


class FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        server = self.server
        server.requests.append((self.path, self.headers.get("If-None-Match"),
                                self.headers.get("Auth-Key")))
        if self.path not in server.files:
            self.send_response(404)
            self.end_headers()
            return
        body, etag, status = server.files[self.path]
        if status != 200:
            self.send_response(status)
            self.end_headers()
            return
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def run(db, *args, env=None):
    proc = subprocess.run([LOUPE, "--db", db, *args], capture_output=True, text=True,
                          timeout=120, env=env)
    return proc.returncode, proc.stdout, proc.stderr


class SourcesOverHttp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "db")
        self.server = FeedServer()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = "http://127.0.0.1:%d" % self.server.server_address[1]

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        self.tmp.cleanup()

    def serve(self, path, body, etag=None, status=200):
        self.server.files[path] = (body, etag, status)

    def add(self, name, path, *extra):
        code, out, err = run(self.db, "sources", "add", name, "--format", "list",
                             "--location", self.base + path, *extra)
        self.assertEqual(code, 0, err)

    def pull(self, name, *extra):
        code, out, err = run(self.db, "sources", "pull", name, *extra)
        return code, out, err

    def test_snapshot_pull_honours_etag_and_expires_leavers(self):
        self.serve("/block.txt", b"198.51.100.1\n198.51.100.2\nbad.example.com\n", '"v1"')
        self.add("block", "/block.txt", "--category", "c2", "--admiralty", "B")
        code, out, err = self.pull("block")
        self.assertEqual(code, 0, err)
        self.assertRegex(out, r"block: updated .* 3 accepted, 0 rejected, 0 skipped, 0 expired")

        code, out, err = self.pull("block")
        self.assertEqual(code, 0, err)
        self.assertIn("block: not-modified", out)
        self.assertEqual(self.server.requests[-1][1], '"v1"')  # If-None-Match sent

        self.serve("/block.txt", b"198.51.100.1\nbad.example.com\n203.0.113.9\n", '"v2"')
        code, out, err = self.pull("block")
        self.assertEqual(code, 0, err)
        self.assertRegex(out, r"3 accepted, .* 1 expired")
        code, out, err = run(self.db, "sources", "status", "block")
        self.assertEqual(code, 0, err)
        self.assertIn("3 listed, 1 expired", out)
        self.assertIn('etag:         "v2"', out)
        # The object and its history stay in the store.
        code, out, err = run(self.db, "lookup", "get_ip_report", "198.51.100.2", "--format", "flat")
        self.assertEqual(code, 0, err)

    def test_gzip_and_zip_archives_are_unpacked(self):
        self.serve("/list.txt.gz", gzip.compress(b"192.0.2.10\n192.0.2.11\n"))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("csv.txt", "192.0.2.20\n192.0.2.21\n192.0.2.22\n")
        self.serve("/feed.zip", buf.getvalue())
        self.add("gz", "/list.txt.gz")
        self.add("zip", "/feed.zip")
        code, out, err = run(self.db, "sources", "pull")
        self.assertEqual(code, 0, err)
        self.assertRegex(out, r"gz: updated .* 2 accepted")
        self.assertRegex(out, r"zip: updated .* 3 accepted")
        # Same bytes again (no ETag): the digest says unchanged, nothing is written.
        code, out, err = run(self.db, "sources", "pull")
        self.assertEqual(code, 0, err)
        self.assertIn("gz: unchanged", out)
        self.assertIn("zip: unchanged", out)

    def test_failures_are_reported_and_recorded(self):
        self.add("gone", "/gone.txt")
        code, out, err = run(self.db, "sources", "pull", "gone")
        self.assertEqual(code, 3, out)
        self.assertIn("HTTP 404", err)
        code, out, err = run(self.db, "sources", "status", "gone")
        self.assertIn("failed", out)
        self.assertIn("HTTP 404", out)

    def test_headers_from_the_environment(self):
        self.serve("/auth.txt", b"192.0.2.30\n")
        self.add("auth", "/auth.txt", "--header", "Auth-Key:env:LOUPE_E2E_KEY")
        env = dict(os.environ, LOUPE_E2E_KEY="k3y")
        code, out, err = run(self.db, "sources", "pull", "auth", env=env)
        self.assertEqual(code, 0, err)
        self.assertEqual(self.server.requests[-1][2], "k3y")
        with open(os.path.join(self.db, "sources.toml")) as f:
            self.assertNotIn("k3y", f.read())  # the secret is not stored


class IngestWithoutFormat(unittest.TestCase):
    TESTDATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "testdata")

    def test_directories_and_detected_formats(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "db")
            feed = os.path.join(self.TESTDATA, "formats", "misp-feed", "feed")
            feodo = os.path.join(self.TESTDATA, "formats", "feodo", "ipblocklist.csv")
            code, out, err = run(db, "ingest", feed, feodo)
            self.assertEqual(code, 0, err)
            self.assertIn("format detected: feodo (1 file), misp (3 files), misp-feed (2 files)",
                          err)
            self.assertRegex(err, r"[1-9]\d* accepted")
            # Feodo's bad port is rejected with its line, the rest goes on.
            self.assertIn("ipblocklist.csv:", err)
            prose = os.path.join(tmp, "notes.txt")
            with open(prose, "w") as f:
                f.write("just some prose\n")
            code, out, err = run(db, "ingest", prose)
            self.assertEqual(code, 2, err)
            self.assertIn("pass --format", err)


class MaxMindSources(unittest.TestCase):
    def test_mmdb_files_register_as_sources_and_answer_reports(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "db")
            country, asn = os.path.join(tmp, "c.csv"), os.path.join(tmp, "a.csv")
            with open(country, "w") as f:
                f.write("198.51.100.0/24,NL\n")
            with open(asn, "w") as f:
                f.write("198.51.100.0/24,64500,Example Hosting BV\n")
            cdb, adb = os.path.join(tmp, "GeoLite2-Country.mmdb"), os.path.join(tmp, "GeoLite2-ASN.mmdb")
            subprocess.run([sys.executable, MAKE_MMDB, "--csv-country", country, cdb], check=True)
            subprocess.run([sys.executable, MAKE_MMDB, "--csv-asn", asn, adb], check=True)
            code, out, err = run(db, "ingest", cdb, adb)  # detected by name, not copied
            self.assertEqual(code, 0, err)
            self.assertIn("GeoIP/ASN source", err)
            listed = os.path.join(tmp, "l.txt")
            with open(listed, "w") as f:
                f.write("198.51.100.7\n")
            self.assertEqual(run(db, "ingest", listed, "--source", "x")[0], 0)
            code, out, err = run(db, "report", "198.51.100.7")
            self.assertEqual(code, 0, err)
            report = json.loads(out)
            self.assertEqual(report["IpGeneralInfo"]["CountryCode"], "NL")
            self.assertEqual(report["IpWhoIs"]["Asn"][0]["Number"], 64500)
            bad = os.path.join(tmp, "bad.mmdb")
            with open(bad, "wb") as f:
                f.write(b"not a database")
            code, out, err = run(db, "ingest", bad)
            self.assertEqual(code, 2, err)
            self.assertIn("not a MaxMind DB", err)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
