#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
"""Tests for server/server.py (stdlib unittest only).

Run from the repository root:
    python3 -m unittest discover -s server/tests -v
    python3 server/tests/test_server.py

Most tests drive the Flask app at the WSGI level (Flask test client) with an
injected clock and sleep, so thousands of requests take no real time. A few
start the real server as a subprocess on 127.0.0.1 with --port 0.
Tests needing Flask are skipped when the interpreter has no Flask.
"""

import contextlib
import importlib.util
import io
import json
import math
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_PY = os.path.join(os.path.dirname(HERE), "server.py")


def _load_server_module():
    name = "patternlab_server_under_test"
    spec = importlib.util.spec_from_file_location(name, SERVER_PY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


srv = _load_server_module()
HAVE_FLASK = importlib.util.find_spec("flask") is not None
needs_flask = unittest.skipUnless(HAVE_FLASK, "Flask is not installed for this interpreter")

WAIT_S = 10.0   # upper bound for every wait in these tests


class FakeTime:
    """Injected clock and sleep: sleep advances the clock, nothing really waits."""

    def __init__(self, start=1000.0):
        self.now = start
        self.sleeps = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def make_app(fake=None, **config):
    fake = fake or FakeTime()
    app = srv.create_app(srv.Config(**config), clock=fake.clock, sleep=fake.sleep)
    return app, app.test_client(), fake


def run_requests(client, n, between=None):
    """n sequential GET /data straight through the WSGI interface (a prebuilt environ:
    cheaper than the test client's per-request EnvironBuilder, same app code path);
    returns [(status, latency_ms, request_id)]."""
    from werkzeug.test import EnvironBuilder
    app = client.application
    base = EnvironBuilder(path="/data", method="GET").get_environ()
    out = []
    for i in range(n):
        if between is not None:
            between(i)
        seen = []
        chunks = app(dict(base), lambda status, headers, exc_info=None: seen.append(status))
        try:
            body = json.loads(b"".join(chunks))
        finally:
            getattr(chunks, "close", lambda: None)()
        out.append((int(seen[0].split()[0]), body.get("latency_ms"), body["request_id"]))
    return out


def binomial_tolerance(n, p, sds=4.0):
    """Allowed |observed - n*p|: 4 standard deviations of a Binomial(n, p) count.
    The seeds are fixed, so these tests are deterministic; the tolerance says how far
    a correct implementation may be from the expectation for any seed."""
    return sds * math.sqrt(n * p * (1.0 - p))


def wait_until(predicate, timeout=WAIT_S):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.002)
    return False


# ---------------------------------------------------------------------------------------
@needs_flask
class ProfileStatistics(unittest.TestCase):
    N = 4000

    def test_seed_profile_reproduces_the_original(self):
        app, client, fake = make_app(profile="seed", seed=12345)
        res = run_requests(client, self.N)
        errors = sum(1 for s, _, _ in res if s == 500)
        self.assertEqual({s for s, _, _ in res} - {200, 500}, set())
        self.assertLessEqual(abs(errors - self.N * 0.02), binomial_tolerance(self.N, 0.02))
        lat = [l for _, l, _ in res]
        self.assertTrue(all(0.0 <= l <= 10.0 for l in lat), max(lat))
        zeros = sum(1 for l in lat if l == 0.0)
        self.assertLessEqual(abs(zeros - self.N / 2), binomial_tolerance(self.N, 0.5))
        nonzero = [l for l in lat if l > 0]
        # uniform(0, 10 ms): mean 5, SD of the mean 2.89/sqrt(~2000) ~ 0.065 ms
        self.assertAlmostEqual(sum(nonzero) / len(nonzero), 5.0, delta=0.4)
        # the server really sleeps the drawn latency, and only when it is not zero
        self.assertEqual(len(fake.sleeps), len(nonzero))
        self.assertTrue(all(0 < s <= 0.010 for s in fake.sleeps))
        stats = client.get("/stats").get_json()
        self.assertEqual(stats["by_status"], {"200": self.N - errors, "500": errors})

    def test_random_walk_stays_in_range_and_reverts_to_its_centre(self):
        app, client, fake = make_app(profile="random-walk", seed=99)
        lat = [l for _, l, _ in run_requests(client, self.N)]
        self.assertTrue(all(0.0 <= l <= 300.0 for l in lat))
        mean = sum(lat) / len(lat)
        # reflected AR(1) around 20 ms, stationary SD ~18.5 ms, expected mean ~22.6 ms
        self.assertGreater(mean, 15.0)
        self.assertLess(mean, 32.0)
        self.assertTrue(len(set(lat)) > self.N * 0.9, "the walk must actually walk")
        # consecutive values are close: steps are at most 10 ms + 5% reversion
        steps = [abs(b - a) for a, b in zip(lat, lat[1:])]
        self.assertLess(max(steps), 10.0 + 0.05 * 300.0 + 1e-6)

        # push the walk to the top of its range: it comes back to the centre
        app.simulator._walk = 0.290
        back = [l for _, l, _ in run_requests(client, 100)]
        self.assertGreater(back[0], 250.0)
        self.assertLess(sum(back[60:]) / 40.0, 70.0)

    def test_random_walk_quiet_gaps_make_bigger_steps(self):
        fake = FakeTime()
        app, client, _ = make_app(fake, profile="random-walk", seed=7, gap_clock="wall")
        gaps = {}

        def between(i):
            if i % 10 == 0:         # a quiet gap of 20 s: factor 2.0 (steps up to 200 ms)
                fake.now += 20.0
                gaps[i] = True
        res = run_requests(client, 3000, between)
        lat = [l for _, l, _ in res]
        self.assertTrue(all(0.0 <= l <= 300.0 for l in lat))
        big = [abs(lat[i] - lat[i - 1]) for i in range(1, len(lat)) if i in gaps]
        small = [abs(lat[i] - lat[i - 1]) for i in range(1, len(lat)) if i not in gaps]
        self.assertGreater(sum(big) / len(big), 5 * sum(small) / len(small))
        self.assertGreater(max(big), 50.0)
        self.assertEqual(client.get("/stats").get_json()["gap_clock"], "wall")

    def test_random_walk_error_baseline_and_bursts_under_load(self):
        app, client, _ = make_app(profile="random-walk", seed=3)
        res = run_requests(client, self.N)   # sequential: nobody else in the server
        errors = sum(1 for s, _, _ in res if s == 500)
        self.assertLessEqual(abs(errors - self.N * 0.01), binomial_tolerance(self.N, 0.01))

        sim = srv.Simulator(srv.Config(profile="random-walk", seed=3, capacity=32))
        for busy, p in ((15, 0.01), (16, 0.05), (32, 0.10), (96, 0.30)):
            with sim._lock:
                fails = sum(sim._draw(0.0, busy)[1] for _ in range(self.N))
            self.assertLessEqual(abs(fails - self.N * p), binomial_tolerance(self.N, p),
                                 f"busy={busy}")

    def test_fixed_profile_is_constant(self):
        app, client, fake = make_app(profile="fixed", latency_ms=37, error_rate=0.1, seed=5)
        res = run_requests(client, 3000)
        self.assertTrue(all(l == 37.0 for _, l, _ in res))
        self.assertTrue(all(abs(s - 0.037) < 1e-12 for s in fake.sleeps))
        self.assertEqual(len(fake.sleeps), 3000)
        errors = sum(1 for s, _, _ in res if s == 500)
        self.assertLessEqual(abs(errors - 300), binomial_tolerance(3000, 0.1))

        app, client, fake = make_app(profile="fixed", seed=5)    # defaults: 20 ms, no errors
        res = run_requests(client, 500)
        self.assertEqual({(s, l) for s, l, _ in res}, {(200, 20.0)})

    def test_zero_profile_never_sleeps_nor_fails(self):
        app, client, fake = make_app(profile="zero", latency_ms=50, error_rate=0.5)
        res = run_requests(client, 3000)
        self.assertEqual({(s, l) for s, l, _ in res}, {(200, 0.0)})
        self.assertEqual(fake.sleeps, [])
        self.assertEqual([i for _, _, i in res], list(range(3000)))


# ---------------------------------------------------------------------------------------
@needs_flask
class Determinism(unittest.TestCase):
    def sequence(self, client, n=600):
        return [(s, l) for s, l, _ in run_requests(client, n)]

    def test_same_seed_same_sequence_across_runs_and_resets(self):
        for profile in ("random-walk", "seed", "fixed"):
            with self.subTest(profile=profile):
                kw = dict(profile=profile, seed=2024)
                if profile == "fixed":
                    kw["error_rate"] = 0.2
                app, client, _ = make_app(**kw)
                a = self.sequence(client)
                r = client.post("/reset")
                self.assertEqual(r.status_code, 200)
                self.assertEqual(r.get_json()["seed"], 2024)
                b = self.sequence(client)
                _, client2, _ = make_app(**kw)
                c = self.sequence(client2)
                self.assertEqual(a, b)
                self.assertEqual(a, c)
                self.assertIn(500, {s for s, _ in a})
                kw["seed"] = 2025
                _, client3, _ = make_app(**kw)
                self.assertNotEqual(a, self.sequence(client3))

    def test_request_ids_restart_after_reset(self):
        app, client, _ = make_app(profile="zero", seed=1)
        self.assertEqual([i for _, _, i in run_requests(client, 3)], [0, 1, 2])
        client.post("/reset")
        self.assertEqual([i for _, _, i in run_requests(client, 3)], [0, 1, 2])

    def test_unseeded_run_can_be_repeated_with_the_reported_seed(self):
        # no --seed: a random seed, wall-clock gaps; a run without quiet gaps (>= 0.5 s)
        # is repeated exactly by --seed with the seed shown in /stats
        app, client, _ = make_app(profile="random-walk")
        stats = client.get("/stats").get_json()
        self.assertEqual(stats["gap_clock"], "wall")
        self.assertIsInstance(stats["seed"], int)
        a = self.sequence(client)
        _, client2, _ = make_app(profile="random-walk", seed=stats["seed"])
        self.assertEqual(client2.get("/stats").get_json()["gap_clock"], "virtual")
        self.assertEqual(a, self.sequence(client2))

    def test_reset_with_a_new_seed(self):
        app, client, _ = make_app(profile="seed", seed=1)
        r = client.post("/reset?seed=77")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.get_json()["seed"], 77)
        self.assertEqual(client.get("/stats").get_json()["seed"], 77)
        _, client2, _ = make_app(profile="seed", seed=77)
        self.assertEqual(self.sequence(client, 300), self.sequence(client2, 300))

    def test_seeded_walk_ignores_wall_clock_gaps(self):
        fake = FakeTime()
        app, client, _ = make_app(fake, profile="random-walk", seed=11)
        a = self.sequence(client, 300)
        client.post("/reset")

        def between(i):
            fake.now += 7.0 * (i % 3)
        b = [(s, l) for s, l, _ in run_requests(client, 300, between)]
        self.assertEqual(a, b)


# ---------------------------------------------------------------------------------------
@needs_flask
class CapacityAndQueue(unittest.TestCase):
    def test_capacity_then_queue_then_503(self):
        gate = threading.Event()
        sleeping = []

        def blocking_sleep(seconds):
            sleeping.append(seconds)
            if not gate.wait(WAIT_S):
                raise RuntimeError("test gate never opened")

        app = srv.create_app(srv.Config(profile="fixed", latency_ms=10, seed=1,
                                        capacity=2, max_queue=3),
                             sleep=blocking_sleep)
        sim = app.simulator
        results = {}

        def worker(name):
            r = app.test_client().get("/data")
            results[name] = (r.status_code, r.get_json())

        threads = []

        def start(name):
            t = threading.Thread(target=worker, args=(name,), daemon=True)
            t.start()
            threads.append(t)

        try:
            for i in range(2):
                start(f"s{i}")
            self.assertTrue(wait_until(lambda: len(sleeping) == 2))
            for i in range(3):
                start(f"q{i}")
                self.assertTrue(wait_until(lambda: sim.stats()["queued"] == i + 1))
            client = app.test_client()
            for _ in range(2):      # capacity and queue are full: shed at once
                r = client.get("/data")
                self.assertEqual(r.status_code, 503)
                self.assertEqual(r.get_json()["error"], "Server overloaded")
            st = client.get("/stats").get_json()
            self.assertEqual((st["in_flight"], st["queued"]), (2, 3))
            self.assertEqual((st["max_in_flight"], st["max_queued"]), (2, 3))
            self.assertEqual(st["by_status"], {"503": 2})
            self.assertEqual(st["shed"], 2)
            self.assertEqual(st["requests"], 7)
        finally:
            gate.set()
            for t in threads:
                t.join(WAIT_S)
        self.assertFalse(any(t.is_alive() for t in threads))
        self.assertEqual({k: v[0] for k, v in results.items()},
                         {"s0": 200, "s1": 200, "q0": 200, "q1": 200, "q2": 200})
        # FIFO: queued requests are served in arrival order, request ids 2, 3, 4
        self.assertEqual([results[f"q{i}"][1]["request_id"] for i in range(3)], [2, 3, 4])
        st = sim.stats()
        self.assertEqual((st["in_flight"], st["queued"]), (0, 0))
        self.assertEqual(st["by_status"], {"200": 5, "503": 2})

    def test_no_queue_sheds_immediately(self):
        gate = threading.Event()
        app = srv.create_app(srv.Config(profile="fixed", capacity=1, max_queue=0, seed=1),
                             sleep=lambda s: gate.wait(WAIT_S))
        t = threading.Thread(target=lambda: app.test_client().get("/data"), daemon=True)
        t.start()
        try:
            self.assertTrue(wait_until(lambda: app.simulator.stats()["in_flight"] == 1))
            self.assertEqual(app.test_client().get("/data").status_code, 503)
        finally:
            gate.set()
            t.join(WAIT_S)
        self.assertFalse(t.is_alive())

    def test_many_threads_real_sleep(self):
        # 40 concurrent requests of 20 ms against K=4, Q=8: some served, rest shed, no loss
        app = srv.create_app(srv.Config(profile="fixed", latency_ms=20, seed=1,
                                        capacity=4, max_queue=8))
        statuses = queue.Queue()
        barrier = threading.Barrier(40, timeout=WAIT_S)

        def worker():
            barrier.wait()
            statuses.put(app.test_client().get("/data").status_code)
        threads = [threading.Thread(target=worker, daemon=True) for _ in range(40)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(WAIT_S)
        got = [statuses.get_nowait() for _ in range(statuses.qsize())]
        self.assertEqual(len(got), 40)
        self.assertEqual(set(got) - {200, 503}, set())
        self.assertGreaterEqual(got.count(200), 12)
        st = app.simulator.stats()
        self.assertLessEqual(st["max_in_flight"], 4)
        self.assertLessEqual(st["max_queued"], 8)
        self.assertEqual(st["requests"], 40)
        self.assertEqual(st["completed"], 40)


# ---------------------------------------------------------------------------------------
@needs_flask
class EndpointsAndErrors(unittest.TestCase):
    def assertJsonError(self, r, status):
        self.assertEqual(r.status_code, status, r.get_data(as_text=True))
        self.assertEqual(r.mimetype, "application/json")
        self.assertNotIn("<html", r.get_data(as_text=True).lower())
        self.assertIn("error", r.get_json())

    def test_health(self):
        _, client, _ = make_app(profile="zero")
        r = client.get("/health")
        self.assertEqual((r.status_code, r.get_json()), (200, {"status": "ok"}))

    def test_data_body(self):
        _, client, _ = make_app(profile="fixed", latency_ms=5, seed=1)
        r = client.get("/data")
        self.assertEqual(r.status_code, 200)
        body = r.get_json()
        self.assertEqual(body["message"], "Hello, World!")
        self.assertEqual(body["request_id"], 0)
        self.assertEqual(body["latency_ms"], 5.0)
        _, client, _ = make_app(profile="fixed", error_rate=1.0, seed=1)
        r = client.get("/data")
        self.assertEqual(r.status_code, 500)
        self.assertEqual(r.get_json()["error"], "Simulated server error")
        self.assertEqual(r.get_json()["request_id"], 0)

    def test_stats_counters_and_reset(self):
        _, client, _ = make_app(profile="fixed", latency_ms=1, error_rate=0.5, seed=8,
                                capacity=5, max_queue=6)
        res = run_requests(client, 200)
        st = client.get("/stats").get_json()
        for key in ("requests", "by_status", "in_flight", "max_in_flight", "queued",
                    "max_queued", "profile", "seed", "gap_clock", "latency_ms", "error_rate",
                    "capacity", "max_queue", "completed", "shed", "resets"):
            self.assertIn(key, st)
        n500 = sum(1 for s, _, _ in res if s == 500)
        self.assertEqual(st["requests"], 200)
        self.assertEqual(st["by_status"], {"200": 200 - n500, "500": n500})
        self.assertEqual((st["in_flight"], st["max_in_flight"]), (0, 1))
        self.assertEqual((st["queued"], st["max_queued"]), (0, 0))
        self.assertEqual((st["profile"], st["seed"], st["gap_clock"]), ("fixed", 8, "virtual"))
        self.assertEqual((st["latency_ms"], st["error_rate"]), (1.0, 0.5))
        self.assertEqual((st["capacity"], st["max_queue"]), (5, 6))
        client.post("/reset")
        st = client.get("/stats").get_json()
        self.assertEqual((st["requests"], st["by_status"], st["max_in_flight"], st["resets"]),
                         (0, {}, 0, 1))

    def test_defaults_per_profile(self):
        for profile, lat, err in (("seed", 10.0, 0.02), ("random-walk", 20.0, 0.01),
                                  ("fixed", 20.0, 0.0), ("zero", 0.0, 0.0)):
            st = srv.Simulator(srv.Config(profile=profile)).stats()
            self.assertEqual((st["latency_ms"], st["error_rate"], st["capacity"],
                              st["max_queue"]), (lat, err, 32, 64), profile)

    def test_unknown_path_and_wrong_method(self):
        _, client, _ = make_app(profile="zero")
        self.assertJsonError(client.get("/nope"), 404)
        self.assertJsonError(client.get("/data/"), 404)
        r = client.post("/data")
        self.assertJsonError(r, 405)
        self.assertIn("GET", r.headers.get("Allow", ""))
        self.assertJsonError(client.get("/reset"), 405)
        self.assertJsonError(client.delete("/health"), 405)
        self.assertEqual(client.get("/stats").get_json()["requests"], 0)

    def test_bad_query_strings(self):
        _, client, _ = make_app(profile="zero")
        for url in ("/data?x=1", "/data?latency=5&y", "/health?a=b", "/stats?verbose=1"):
            self.assertJsonError(client.get(url), 400)
        for url in ("/reset?seed=abc", "/reset?seed=-1", "/reset?seed=1.5", "/reset?seed=",
                    "/reset?seed=99999999999999999999", "/reset?bogus=1", "/reset?seed=%ff"):
            self.assertJsonError(client.post(url), 400)
        self.assertEqual(client.get("/stats").get_json()["requests"], 0)

    def test_unexpected_exception_gives_json_500_and_frees_the_slot(self):
        def broken_sleep(seconds):
            raise RuntimeError("boom")
        app = srv.create_app(srv.Config(profile="fixed", seed=1, capacity=1), sleep=broken_sleep)
        client = app.test_client()
        with contextlib.redirect_stderr(io.StringIO()) as err:
            r = client.get("/data")
            r2 = client.get("/data")
        self.assertJsonError(r, 500)
        self.assertEqual(r.get_json()["error"], "Internal server error")
        self.assertEqual(r2.status_code, 500)          # not 503: the slot was released
        self.assertIn("RuntimeError", err.getvalue())
        self.assertEqual(app.simulator.stats()["in_flight"], 0)


# ---------------------------------------------------------------------------------------
class CommandLine(unittest.TestCase):
    def parse_error(self, argv):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), self.assertRaises(SystemExit) as cm:
            srv.parse_args(argv)
        return cm.exception.code, err.getvalue()

    def test_bad_values_exit_2_with_one_line(self):
        cases = [["--latency-ms", "-1"], ["--latency-ms", "nan"], ["--latency-ms", "x"],
                 ["--error-rate", "1.5"], ["--error-rate", "-0.1"], ["--profile", "bogus"],
                 ["--capacity", "0"], ["--max-queue", "-1"], ["--port", "65536"],
                 ["--port", "-1"], ["--port", "http"], ["--seed", "abc"], ["--seed", "-3"],
                 ["--unknown"]]
        for argv in cases:
            with self.subTest(argv=argv):
                code, err = self.parse_error(argv)
                self.assertEqual(code, 2)
                self.assertEqual(len(err.strip().splitlines()), 1, err)
                self.assertIn("error:", err)
                self.assertIn(argv[0], err)

    def test_defaults(self):
        c = srv.parse_args([])
        self.assertEqual((c.host, c.port, c.profile, c.latency_ms, c.error_rate, c.seed,
                          c.capacity, c.max_queue, c.access_log),
                         ("127.0.0.1", 0, "random-walk", None, None, None, 32, 64, False))
        c = srv.parse_args(["--profile", "fixed", "--latency-ms", "0", "--error-rate", "1",
                            "--seed", "0", "--capacity", "1", "--max-queue", "0",
                            "--port", "65535", "--host", "::1", "--access-log"])
        self.assertEqual((c.profile, c.latency_ms, c.error_rate, c.seed, c.capacity,
                          c.max_queue, c.port, c.host, c.access_log),
                         ("fixed", 0.0, 1.0, 0, 1, 0, 65535, "::1", True))

    def test_help_documents_every_parameter(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), self.assertRaises(SystemExit) as cm:
            srv.parse_args(["--help"])
        self.assertEqual(cm.exception.code, 0)
        text = out.getvalue()
        for word in ("--host", "--port", "--profile", "--latency-ms", "--error-rate", "--seed",
                     "--capacity", "--max-queue", "--access-log", "random-walk", "virtual",
                     "503", "READY", "128"):
            self.assertIn(word, text)

    def test_config_validation(self):
        for kw in (dict(profile="x"), dict(latency_ms=-1.0), dict(error_rate=2.0),
                   dict(capacity=0), dict(max_queue=-1), dict(seed=-1)):
            with self.subTest(kw=kw), self.assertRaises(ValueError):
                srv.Simulator(srv.Config(**kw))


# ---------------------------------------------------------------------------------------
def _reader(stream, q):
    for line in iter(stream.readline, ""):
        q.put(line)
    q.put(None)


class RealProcess(unittest.TestCase):
    def start(self, *args):
        p = subprocess.Popen([sys.executable, SERVER_PY, *args], stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(self._cleanup, p)
        return p

    def _cleanup(self, p):
        if p.poll() is None:
            p.kill()
            p.wait(WAIT_S)
        p.stdout.close()
        p.stderr.close()

    def ready(self, p):
        q = queue.Queue()
        threading.Thread(target=_reader, args=(p.stdout, q), daemon=True).start()
        try:
            line = q.get(timeout=WAIT_S)
        except queue.Empty:
            self.fail("no READY line within %.0f s" % WAIT_S)
        if line is None:
            p.wait(WAIT_S)
            self.fail("server exited without READY: " + p.stderr.read())
        self.assertRegex(line, r"^READY http://127\.0\.0\.1:\d+\n$")
        return line.split()[1], q

    def get(self, url):
        with urllib.request.urlopen(url, timeout=WAIT_S) as r:
            return r.status, r.read()

    def rest_of_stdout(self, q):
        lines = []
        while True:
            line = q.get(timeout=WAIT_S)
            if line is None:
                return lines
            lines.append(line)

    @needs_flask
    def test_ready_health_data_sigterm(self):
        p = self.start("--port", "0", "--profile", "zero")
        base, q = self.ready(p)
        self.assertEqual(self.get(base + "/health"), (200, b'{"status":"ok"}'))
        status, body = self.get(base + "/data")
        self.assertEqual(status, 200)
        self.assertIn(b"Hello, World!", body)
        with self.assertRaises(urllib.error.HTTPError) as cm:
            self.get(base + "/missing")
        self.assertEqual(cm.exception.code, 404)
        self.assertIn(b'"error"', cm.exception.read())
        cm.exception.close()
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(WAIT_S), 0)
        self.assertEqual(self.rest_of_stdout(q), [])     # nothing but the READY line
        self.assertEqual(p.stderr.read(), "")            # no per-request logging

    @needs_flask
    def test_sigint_and_access_log(self):
        p = self.start("--profile", "zero", "--access-log")
        base, q = self.ready(p)
        self.get(base + "/health")
        self.get(base + "/data")
        p.send_signal(signal.SIGINT)
        self.assertEqual(p.wait(WAIT_S), 0)
        self.assertEqual(self.rest_of_stdout(q), [])
        err = p.stderr.read().splitlines()
        self.assertEqual(len(err), 2, err)
        self.assertIn("GET /health", err[0])
        self.assertIn("GET /data", err[1])

    def test_bad_argument_exits_2(self):
        p = self.start("--error-rate", "3")
        self.assertEqual(p.wait(WAIT_S), 2)
        self.assertEqual(p.stdout.read(), "")
        err = p.stderr.read().strip().splitlines()
        self.assertEqual(len(err), 1)
        self.assertIn("--error-rate", err[0])

    @needs_flask
    def test_port_in_use(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            s.listen(1)
            port = s.getsockname()[1]
            p = self.start("--port", str(port))
            code = p.wait(WAIT_S)
        self.assertEqual(code, 4)
        self.assertEqual(p.stdout.read(), "")
        self.assertEqual(p.stderr.read().strip(),
                         f"port {port} is in use: choose another with --port or use --port 0")

    def test_flask_missing(self):
        code = ("import runpy, sys; sys.modules['flask'] = None; "
                "sys.argv = [sys.argv[1]]; runpy.run_path(sys.argv[0], run_name='__main__')")
        r = subprocess.run([sys.executable, "-c", code, SERVER_PY], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=WAIT_S)
        self.assertEqual(r.returncode, 4)
        self.assertEqual(r.stdout, "")
        self.assertEqual(r.stderr.strip(), "Flask is not installed: apt-get install python3-flask")


if __name__ == "__main__":
    unittest.main()
