#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
"""Tests for server/server.py (stdlib unittest only).

Run from the repository root:
    python3 -m unittest discover -s server/tests -v
    python3 server/tests/test_server.py

Most tests drive the Flask app at the WSGI level (Flask test client) with an
injected clock and sleep, so thousands of requests take no real time. Some
start the real server as a subprocess on 127.0.0.1 with --port 0, under
waitress (when this interpreter finds it, also through the dist-packages
fallback) and under werkzeug (--wsgi werkzeug).
Tests needing Flask (or waitress) are skipped when the interpreter lacks it.
"""

import contextlib
import importlib.util
import io
import json
import math
import os
import queue
import re
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


def _have_waitress():
    # in a child, so that this process's sys.path and sys.modules stay as they are
    code = ("import importlib.util, sys; spec = importlib.util.spec_from_file_location('s', "
            "sys.argv[1]); m = importlib.util.module_from_spec(spec); "
            "spec.loader.exec_module(m); print(m.import_waitress()[1] or '')")
    r = subprocess.run([sys.executable, "-c", code, SERVER_PY], capture_output=True, text=True,
                       timeout=30)
    return r.stdout.strip() or None


WAITRESS_FROM = _have_waitress()   # "sys.path", a fallback directory, or None
needs_waitress = unittest.skipUnless(WAITRESS_FROM, "waitress is not installed")
WSGI_MODES = ("waitress", "werkzeug") if WAITRESS_FROM else ("werkzeug",)

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
        for profile in ("random-walk", "seed", "fixed", "stall", "heavy-tail"):
            with self.subTest(profile=profile):
                kw = dict(profile=profile, seed=2024)
                if profile in ("fixed", "stall", "heavy-tail"):
                    kw["error_rate"] = 0.2
                if profile == "heavy-tail":
                    kw["tail_rate"] = 0.3
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
                    "capacity", "max_queue", "completed", "shed", "resets", "abandoned",
                    "in_service", "cpu_s", "cpu_percent", "tokens_issued", "token_ms",
                    "wsgi_server", "threads", "stall_every_s", "stall_ms", "stalls", "stalled",
                    "tail_ms", "tail_rate"):
            self.assertIn(key, st)
        n500 = sum(1 for s, _, _ in res if s == 500)
        self.assertEqual(st["requests"], 200)
        self.assertEqual(st["by_status"], {"200": 200 - n500, "500": n500})
        self.assertEqual((st["in_flight"], st["max_in_flight"]), (0, 1))
        self.assertEqual(st["in_service"], st["in_flight"])
        self.assertEqual((st["queued"], st["max_queued"]), (0, 0))
        self.assertEqual((st["abandoned"], st["tokens_issued"]), (0, 0))
        self.assertEqual((st["wsgi_server"], st["threads"]), (None, None))   # no server here
        self.assertEqual((st["stalls"], st["stalled"], st["tail_ms"]), (None, None, None))
        self.assertIsInstance(st["cpu_s"], float)
        self.assertIsInstance(st["cpu_percent"], float)
        self.assertEqual((st["profile"], st["seed"], st["gap_clock"]), ("fixed", 8, "virtual"))
        self.assertEqual((st["latency_ms"], st["error_rate"]), (1.0, 0.5))
        self.assertEqual((st["capacity"], st["max_queue"]), (5, 6))
        client.post("/reset")
        st = client.get("/stats").get_json()
        self.assertEqual((st["requests"], st["by_status"], st["max_in_flight"], st["resets"]),
                         (0, {}, 0, 1))

    def test_defaults_per_profile(self):
        for profile, lat, err in (("seed", 10.0, 0.02), ("random-walk", 20.0, 0.01),
                                  ("fixed", 20.0, 0.0), ("zero", 0.0, 0.0),
                                  ("stall", 5.0, 0.0), ("heavy-tail", 5.0, 0.0)):
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
def wsgi_call(app, path="/data", method="GET", probe=None):
    """One request straight through the WSGI interface; `probe` plays the WSGI server's
    client-disconnected flag. Returns (status, headers dict, body dict)."""
    from werkzeug.test import EnvironBuilder
    env = EnvironBuilder(path=path, method=method).get_environ()
    if probe is not None:
        env["waitress.client_disconnected"] = probe
    seen = []
    chunks = app(env, lambda status, headers, exc_info=None: seen.append((status, headers)))
    try:
        body = json.loads(b"".join(chunks))
    finally:
        getattr(chunks, "close", lambda: None)()
    return int(seen[0][0].split()[0]), dict(seen[0][1]), body


TIMING_RE = r"^queue;dur=(\d+\.\d{3}), service;dur=(\d+\.\d{3})$"


def timing(headers):
    """(queue ms, service ms) from a Server-Timing header."""
    m = re.match(TIMING_RE, headers["Server-Timing"])
    assert m, headers["Server-Timing"]
    return float(m.group(1)), float(m.group(2))


@needs_flask
class StallProfile(unittest.TestCase):
    def test_freeze_windows_hold_requests_until_they_end(self):
        # freezes at [5, 6), [10, 11), ... s after start (fake clock starts at 1000)
        app, client, fake = make_app(profile="stall", seed=1)
        t0 = fake.now
        cases = [  # (arrival after start s, expected service ms, end after start s)
            (1.0, 5.0, 1.005),          # no freeze: the base latency
            (5.2, 805.0, 6.005),        # arrives in a freeze: held 0.8 s, then 5 ms
            (4.998, 1005.0, 6.003),     # in service when it begins: 2 ms, held 1 s, 3 ms
            (6.0, 5.0, 6.005),          # just after: not held
            (9.999, 1005.0, 11.004),    # 1 ms before the second freeze
        ]
        for arrival, service_ms, end in cases:
            with self.subTest(arrival=arrival):
                fake.now = t0 + arrival
                status, headers, body = wsgi_call(app)
                self.assertEqual(status, 200)
                self.assertEqual(body["latency_ms"], 5.0)      # what was drawn
                self.assertAlmostEqual(timing(headers)[1], service_ms, delta=0.0011)
                self.assertAlmostEqual(fake.now - t0, end, delta=1e-6)

    def test_stats_show_the_schedule_and_reset_restarts_it(self):
        app, client, fake = make_app(profile="stall", seed=1, stall_every_s=2.0, stall_ms=300)
        t0 = fake.now

        def at(t):
            fake.now = t0 + t
            st = client.get("/stats").get_json()
            return st["stalls"], st["stalled"]
        st = client.get("/stats").get_json()
        self.assertEqual((st["stall_every_s"], st["stall_ms"]), (2.0, 300.0))
        self.assertEqual(at(0.5), (0, False))
        self.assertEqual(at(2.1), (1, True))
        self.assertEqual(at(2.31), (1, False))
        self.assertEqual(at(6.2), (3, True))
        client.post("/reset")                 # the schedule starts again from here
        t0 = fake.now
        self.assertEqual(at(0.0), (0, False))
        self.assertEqual(at(1.9), (0, False))
        self.assertEqual(at(2.0), (1, True))
        fake.now = t0 + 2.1
        status, headers, _ = wsgi_call(app)
        self.assertAlmostEqual(timing(headers)[1], 205.0, delta=0.0011)

    def test_real_clock_freeze(self):
        # real time: freezes of 150 ms every 0.3 s; a request sent inside one waits it out
        app = srv.create_app(srv.Config(profile="stall", latency_ms=1, stall_every_s=0.3,
                                        stall_ms=150, seed=1))
        sim = app.simulator
        self.assertTrue(wait_until(lambda: sim.stats()["stalled"], 2.0))
        t = time.monotonic()
        status, headers, _ = wsgi_call(app)
        elapsed = time.monotonic() - t
        self.assertEqual(status, 200)
        self.assertGreater(timing(headers)[1], 1.0)
        self.assertLess(elapsed, 0.3)
        self.assertFalse(sim.stats()["stalled"])


@needs_flask
class HeavyTailProfile(unittest.TestCase):
    N = 5000

    def test_tail_rate_within_binomial_tolerance(self):
        for tail_rate, tail_ms in ((0.02, 500.0), (0.25, 120.0)):
            with self.subTest(tail_rate=tail_rate):
                kw = dict(profile="heavy-tail", seed=42)
                if tail_rate != 0.02:
                    kw.update(tail_rate=tail_rate, tail_ms=tail_ms)
                app, client, fake = make_app(**kw)
                res = run_requests(client, self.N)
                lat = [l for _, l, _ in res]
                self.assertEqual(set(lat), {5.0, tail_ms})
                tails = lat.count(tail_ms)
                self.assertLessEqual(abs(tails - self.N * tail_rate),
                                     binomial_tolerance(self.N, tail_rate))
                self.assertEqual({s for s, _, _ in res}, {200})   # error rate 0 by default
                self.assertAlmostEqual(sum(fake.sleeps), sum(lat) / 1000.0, places=6)
                st = client.get("/stats").get_json()
                self.assertEqual((st["tail_ms"], st["tail_rate"], st["latency_ms"]),
                                 (tail_ms, tail_rate, 5.0))

    def test_request_k_gets_the_same_value_whatever_the_interleaving(self):
        kw = dict(profile="heavy-tail", seed=9, tail_rate=0.2, error_rate=0.1)
        _, client, _ = make_app(**kw)
        sequential = {k: (s, l) for s, l, k in run_requests(client, 400)}
        client.post("/reset")
        again = {k: (s, l) for s, l, k in run_requests(client, 400)}
        self.assertEqual(sequential, again)

        # 8 threads at once, real (tiny) sleeps interleaving them
        app = srv.create_app(srv.Config(**kw), sleep=lambda s: time.sleep(s / 1000.0))
        got, lock = {}, threading.Lock()

        def worker():
            for _ in range(50):
                status, _, body = wsgi_call(app)
                with lock:
                    got[body["request_id"]] = (status, body["latency_ms"])
        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(WAIT_S)
        self.assertEqual(got, sequential)
        self.assertGreater(app.simulator.stats()["max_in_flight"], 1)


@needs_flask
class TokenEndpoint(unittest.TestCase):
    def test_token_sleeps_counts_and_restarts_at_reset(self):
        app, client, fake = make_app(profile="zero", seed=3)
        bodies = []
        for i in range(3):
            r = client.get("/token")
            self.assertEqual(r.status_code, 200)
            bodies.append(r.get_json())
            self.assertEqual(timing(r.headers), (0.0, 200.0))
        self.assertEqual([b["issued"] for b in bodies], [1, 2, 3])
        self.assertEqual(len({b["token"] for b in bodies}), 3)
        self.assertEqual(fake.sleeps, [0.2] * 3)
        st = client.get("/stats").get_json()
        self.assertEqual((st["tokens_issued"], st["requests"], st["token_ms"]), (3, 0, 200.0))
        client.post("/reset")
        self.assertEqual(client.get("/stats").get_json()["tokens_issued"], 0)
        again = client.get("/token").get_json()
        self.assertEqual(again, bodies[0])            # same seed, same k: same token
        _, client2, fake2 = make_app(profile="zero", seed=4, token_ms=35)
        other = client2.get("/token").get_json()
        self.assertEqual(other["issued"], 1)
        self.assertNotEqual(other["token"], bodies[0]["token"])
        self.assertEqual(fake2.sleeps, [0.035])

    def test_token_is_not_a_data_request(self):
        # a full server (capacity 1, no queue, its slot taken) still issues tokens
        gate = threading.Event()
        app = srv.create_app(srv.Config(profile="fixed", capacity=1, max_queue=0, seed=1,
                                        token_ms=0), sleep=lambda s: gate.wait(WAIT_S))
        t = threading.Thread(target=lambda: wsgi_call(app), daemon=True)
        t.start()
        try:
            self.assertTrue(wait_until(lambda: app.simulator.stats()["in_service"] == 1))
            r = app.test_client().get("/token")
            self.assertEqual((r.status_code, r.get_json()["issued"]), (200, 1))
            self.assertEqual(app.test_client().get("/token?x=1").status_code, 400)
        finally:
            gate.set()
            t.join(WAIT_S)
        self.assertEqual(app.simulator.stats()["requests"], 1)


@needs_flask
class ServerTimingHeader(unittest.TestCase):
    def test_every_data_answer_has_it(self):
        app, _, fake = make_app(profile="fixed", latency_ms=37.25, error_rate=0.5, seed=2)
        seen = set()
        for _ in range(40):
            status, headers, body = wsgi_call(app)
            seen.add(status)
            self.assertEqual(timing(headers), (0.0, 37.25))
            self.assertEqual((body["wait_ms"], body["latency_ms"]), (0.0, 37.25))
        self.assertEqual(seen, {200, 500})
        app, client, _ = make_app(profile="fixed", latency_ms=1, seed=2)
        r = client.get("/data")           # through Flask's test client too
        self.assertRegex(r.headers["Server-Timing"], TIMING_RE)

    def test_answer_bodies_are_compact_json(self):
        # the 200 body is formatted directly (the hot path): it must be exactly what
        # json.dumps with compact separators gives, key order included
        app, _, fake = make_app(profile="seed", seed=6, error_rate=0.3)
        from werkzeug.test import EnvironBuilder
        base = EnvironBuilder(path="/data").get_environ()
        for _ in range(300):                    # latencies like 7.318 and 0.0
            chunks = app(dict(base), lambda *a: None)
            raw = b"".join(chunks).decode()
            self.assertEqual(raw, json.dumps(json.loads(raw), separators=(",", ":")))

    def test_queue_wait_and_503(self):
        gate = threading.Event()
        app = srv.create_app(srv.Config(profile="fixed", latency_ms=10, capacity=1,
                                        max_queue=1, seed=1),
                             sleep=lambda s: gate.wait(WAIT_S))
        sim = app.simulator
        results = {}

        def worker(name):
            results[name] = wsgi_call(app)
        threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in "ab"]
        threads[0].start()
        self.assertTrue(wait_until(lambda: sim.stats()["in_service"] == 1))
        threads[1].start()
        self.assertTrue(wait_until(lambda: sim.stats()["queued"] == 1))
        status, headers, body = wsgi_call(app)          # full: shed at once
        self.assertEqual(status, 503)
        self.assertEqual(headers["Server-Timing"], "queue;dur=0.000, service;dur=0.000")
        time.sleep(0.05)
        gate.set()
        for t in threads:
            t.join(WAIT_S)
        status, headers, body = results["b"]
        self.assertEqual(status, 200)
        queue_ms, service_ms = timing(headers)
        self.assertGreaterEqual(queue_ms, 40.0)           # waited for the slot
        self.assertEqual(queue_ms, round(body["wait_ms"], 3))
        self.assertLess(service_ms, 20.0)


@needs_flask
class Abandoned(unittest.TestCase):
    def test_queued_request_gives_up_its_place(self):
        gate = threading.Event()
        app = srv.create_app(srv.Config(profile="fixed", latency_ms=10, capacity=1,
                                        max_queue=2, seed=1),
                             sleep=lambda s: gate.wait(WAIT_S))
        sim = app.simulator
        gone = threading.Event()
        results = {}

        def worker(name, probe):
            results[name] = wsgi_call(app, probe=probe)
        holder = threading.Thread(target=worker, args=("holder", lambda: False), daemon=True)
        holder.start()
        self.assertTrue(wait_until(lambda: sim.stats()["in_service"] == 1))
        leaver = threading.Thread(target=worker, args=("leaver", gone.is_set), daemon=True)
        leaver.start()
        self.assertTrue(wait_until(lambda: sim.stats()["queued"] == 1))
        gone.set()                                          # its client closes
        leaver.join(WAIT_S)
        self.assertFalse(leaver.is_alive())
        st = sim.stats()
        self.assertEqual((st["queued"], st["in_service"], st["abandoned"]), (0, 1, 1))
        self.assertEqual(results["leaver"][0], 499)
        gate.set()
        holder.join(WAIT_S)
        st = sim.stats()
        self.assertEqual((st["in_service"], st["queued"]), (0, 0))
        self.assertEqual((st["by_status"], st["abandoned"], st["requests"]), ({"200": 1}, 1, 2))

    def test_in_service_request_stops_being_served(self):
        app, _, fake = make_app(profile="fixed", latency_ms=500, seed=1)
        calls = []

        def probe():            # the client leaves after the third look
            calls.append(fake.now)
            return len(calls) > 3
        status, headers, body = wsgi_call(app, probe=probe)
        self.assertEqual(status, 499)
        self.assertLess(sum(fake.sleeps), 0.5)          # the rest of the 500 ms was saved
        self.assertEqual(fake.sleeps, [srv.POLL_S] * 3)
        st = app.simulator.stats()
        self.assertEqual((st["abandoned"], st["by_status"], st["in_service"]), (1, {}, 0))

    def test_gone_before_service_and_after(self):
        app, _, fake = make_app(profile="fixed", latency_ms=20, seed=1)
        self.assertEqual(wsgi_call(app, probe=lambda: True)[0], 499)
        self.assertEqual(fake.sleeps, [])               # never served
        looks = []
        # short latency: one sleep, then the look after the service sees the client gone
        self.assertEqual(wsgi_call(app, probe=lambda: looks.append(1) or len(looks) > 1)[0],
                         499)
        self.assertEqual(fake.sleeps, [0.02])
        self.assertEqual(wsgi_call(app, probe=lambda: False)[0], 200)
        st = app.simulator.stats()
        self.assertEqual((st["requests"], st["abandoned"], st["by_status"]), (3, 2, {"200": 1}))

    def test_peer_closed_on_a_real_socket(self):
        a, b = socket.socketpair()
        with a, b:
            self.assertFalse(srv._peer_closed(a))
            b.sendall(b"GET /next HTTP/1.1\r\n")         # a pipelined request: alive
            self.assertFalse(srv._peer_closed(a))
            self.assertEqual(a.recv(100), b"GET /next HTTP/1.1\r\n")   # peek left it there
            b.close()
            self.assertTrue(srv._peer_closed(a))


@needs_flask
class ResetWaitsForIdle(unittest.TestCase):
    def test_reset_waits_then_reports(self):
        gate = threading.Event()
        app = srv.create_app(srv.Config(profile="fixed", latency_ms=10, seed=1),
                             sleep=lambda s: gate.wait(WAIT_S))
        client = app.test_client()
        sim = app.simulator
        t = threading.Thread(target=lambda: wsgi_call(app), daemon=True)
        t.start()
        self.assertTrue(wait_until(lambda: sim.stats()["in_service"] == 1))
        began = time.monotonic()
        r = client.post("/reset?wait_ms=100").get_json()
        self.assertGreaterEqual(time.monotonic() - began, 0.1)
        self.assertEqual((r["status"], r["idle"], r["in_service"], r["queued"]),
                         ("reset", False, 1, 0))
        self.assertGreaterEqual(r["waited_ms"], 100.0)
        self.assertEqual(sim.stats()["requests"], 0)        # it reset all the same

        threading.Timer(0.15, gate.set).start()
        r = client.post("/reset").get_json()                 # default: up to 5 s
        self.assertEqual((r["idle"], r["in_service"], r["queued"]), (True, 0, 0))
        self.assertGreaterEqual(r["waited_ms"], 100.0)
        self.assertLess(r["waited_ms"], 4000.0)
        t.join(WAIT_S)
        st = sim.stats()            # the request from before the resets is not counted
        self.assertEqual((st["requests"], st["by_status"], st["resets"]), (0, {}, 2))

    def test_idle_server_answers_at_once_and_bad_wait_ms(self):
        _, client, _ = make_app(profile="zero", seed=1)
        r = client.post("/reset?wait_ms=60000&seed=5").get_json()
        self.assertEqual((r["idle"], r["seed"], r["in_service"], r["queued"]), (True, 5, 0, 0))
        self.assertLess(r["waited_ms"], 100.0)
        for q in ("wait_ms=-1", "wait_ms=abc", "wait_ms=60001", "wait_ms=", "wait_ms=1.5"):
            r = client.post("/reset?" + q)
            self.assertEqual(r.status_code, 400, q)
            self.assertIn("wait_ms", r.get_json()["detail"])


class CpuMeterTest(unittest.TestCase):
    def test_seconds_and_percent(self):
        cpu, now = [10.0], [100.0]
        m = srv.CpuMeter(cpu=lambda: cpu[0], clock=lambda: now[0])
        for _ in range(8):                  # 0.25 s steps, half a core busy
            now[0] += 0.25
            cpu[0] += 0.125
            m.sample()
        self.assertAlmostEqual(m.seconds(), 1.0)
        self.assertAlmostEqual(m.percent(), 50.0)
        for _ in range(4):                  # then a full core for the last second
            now[0] += 0.25
            cpu[0] += 0.25
            m.sample()
        self.assertAlmostEqual(m.percent(), 100.0)
        m.reset()
        self.assertAlmostEqual(m.seconds(), 0.0)


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
                 ["--unknown"], ["--stall-every-s", "0"], ["--stall-every-s", "-1"],
                 ["--stall-every-s", "inf"], ["--stall-every-s", "x"], ["--stall-ms", "-5"],
                 ["--stall-ms", "5000"], ["--stall-ms", "nan"], ["--tail-ms", "-1"],
                 ["--tail-ms", "x"], ["--tail-rate", "1.5"], ["--tail-rate", "-0.1"],
                 ["--token-ms", "-1"], ["--token-ms", "inf"], ["--wsgi", "gunicorn"]]
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
                     "503", "READY", "128", "--stall-every-s", "--stall-ms", "--tail-ms",
                     "--tail-rate", "--token-ms", "--wsgi", "waitress", "werkzeug", "stall",
                     "heavy-tail", "/token", "Server-Timing", "wait_ms", "abandoned"):
            self.assertIn(word, text)

    def test_new_flags_and_their_defaults(self):
        c = srv.parse_args([])
        self.assertEqual((c.stall_every_s, c.stall_ms, c.tail_ms, c.tail_rate, c.token_ms,
                          c.wsgi), (5.0, 1000.0, 500.0, 0.02, 200.0, "auto"))
        c = srv.parse_args(["--profile", "stall", "--stall-every-s", "0.5", "--stall-ms", "499",
                            "--tail-ms", "0", "--tail-rate", "1", "--token-ms", "0",
                            "--wsgi", "werkzeug"])
        self.assertEqual((c.profile, c.stall_every_s, c.stall_ms, c.tail_ms, c.tail_rate,
                          c.token_ms, c.wsgi), ("stall", 0.5, 499.0, 0.0, 1.0, 0.0, "werkzeug"))
        self.assertEqual(srv.parse_args(["--profile", "heavy-tail"]).profile, "heavy-tail")

    def test_config_validation(self):
        for kw in (dict(profile="x"), dict(latency_ms=-1.0), dict(error_rate=2.0),
                   dict(capacity=0), dict(max_queue=-1), dict(seed=-1), dict(stall_every_s=0.0),
                   dict(stall_ms=-1.0), dict(stall_every_s=1.0, stall_ms=1000.0),
                   dict(tail_ms=float("nan")), dict(tail_rate=1.5), dict(token_ms=-1.0),
                   dict(wsgi="gunicorn")):
            with self.subTest(kw=kw), self.assertRaises(ValueError):
                srv.Simulator(srv.Config(**kw))


# ---------------------------------------------------------------------------------------
def _reader(stream, q):
    for line in iter(stream.readline, ""):
        q.put(line)
    q.put(None)


class _ProcessMixin:
    def start(self, *args, code=None):
        """The real server as a subprocess; `code`: run it through `python -c code`
        (e.g. to hide a module first) with server.py as argv[1]."""
        cmd = ([sys.executable, SERVER_PY] if code is None
               else [sys.executable, "-c", code, SERVER_PY])
        p = subprocess.Popen([*cmd, *args], stdin=subprocess.DEVNULL,
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

    def stats(self, base):
        return json.loads(self.get(base + "/stats")[1])

    def port(self, base):
        return int(base.rsplit(":", 1)[1])


class RealProcess(_ProcessMixin, unittest.TestCase):
    @needs_flask
    def test_ready_health_data_sigterm(self):
        for wsgi in WSGI_MODES:
            with self.subTest(wsgi=wsgi):
                self.check_ready_health_data_sigterm(wsgi)

    def check_ready_health_data_sigterm(self, wsgi):
        p = self.start("--port", "0", "--profile", "zero", "--wsgi", wsgi)
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
        st = self.stats(base)
        self.assertEqual(st["wsgi_server"], wsgi)
        self.assertEqual(st["threads"], 32 + 64 + 16 if wsgi == "waitress" else None)
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(WAIT_S), 0)
        self.assertEqual(self.rest_of_stdout(q), [])     # nothing but the READY line
        self.assertEqual(p.stderr.read(), "")            # no per-request logging

    @needs_flask
    def test_sigint_and_access_log(self):
        for wsgi in WSGI_MODES:
            with self.subTest(wsgi=wsgi):
                p = self.start("--profile", "zero", "--access-log", "--wsgi", wsgi)
                base, q = self.ready(p)
                self.get(base + "/health")
                self.get(base + "/data")
                p.send_signal(signal.SIGINT)
                self.assertEqual(p.wait(WAIT_S), 0)
                self.assertEqual(self.rest_of_stdout(q), [])
                err = p.stderr.read().splitlines()
                self.assertEqual(len(err), 2, err)
                self.assertIn('"GET /health HTTP/1.1" 200', err[0])
                self.assertIn('"GET /data HTTP/1.1" 200', err[1])

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


def raw_request(port, path="/data", close_header=True):
    """A connected socket that has sent one GET (nothing read yet)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=WAIT_S)
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              f"{'Connection: close' if close_header else ''}\r\n\r\n".encode())
    return s


def read_answer(s):
    """(status, headers dict with lower-case names) of a Connection: close answer."""
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return int(head[0].split()[1]), {k.lower(): v for k, v in headers.items()}


BLOCK_WAITRESS = ("import runpy, sys; sys.modules['waitress'] = None; "
                  "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')")


class RealServerBehaviour(_ProcessMixin, unittest.TestCase):
    @needs_flask
    @needs_waitress
    def test_overload_is_shed_with_503(self):
        # 300 requests at once against K=5, Q=10, 50 ms: the admission sees them at once
        # (waitress threads K+Q+16) and sheds what it cannot hold
        p = self.start("--profile", "fixed", "--latency-ms", "50", "--capacity", "5",
                       "--max-queue", "10", "--seed", "1")
        base, _ = self.ready(p)
        port = self.port(base)
        socks = [raw_request(port) for _ in range(300)]
        answers = []
        try:
            for s in socks:
                answers.append(read_answer(s))
        finally:
            for s in socks:
                s.close()
        statuses = [a[0] for a in answers]
        self.assertEqual(set(statuses) - {200, 503}, set())
        self.assertGreaterEqual(statuses.count(503), 100, statuses.count(503))
        self.assertGreaterEqual(statuses.count(200), 15)
        for status, headers in answers:
            self.assertRegex(headers["server-timing"], TIMING_RE)
        st = self.stats(base)
        self.assertEqual(st["requests"], 300)
        self.assertEqual(st["shed"], statuses.count(503))
        self.assertEqual((st["max_in_flight"], st["max_queued"]), (5, 10))
        self.assertEqual((st["wsgi_server"], st["threads"]), ("waitress", 31))

    @needs_flask
    def test_abandoned_request_is_counted(self):
        # the client sends GET /data to a 500 ms server and closes at once
        for wsgi in WSGI_MODES:
            with self.subTest(wsgi=wsgi):
                p = self.start("--profile", "fixed", "--latency-ms", "500", "--wsgi", wsgi)
                base, _ = self.ready(p)
                began = time.monotonic()
                raw_request(self.port(base)).close()
                self.assertTrue(wait_until(lambda: self.stats(base)["abandoned"] >= 1, 3.0))
                st = self.stats(base)
                self.assertEqual((st["requests"], st["abandoned"], st["by_status"]),
                                 (1, 1, {}))
                # served for at most a slice or so: the slot is free well before 500 ms
                self.assertTrue(wait_until(lambda: self.stats(base)["in_service"] == 0, 3.0))
                self.assertLess(time.monotonic() - began, 0.45)
                # a burst of them: under waitress most never reach the app (waitress drops
                # a request whose connection closed before a thread took it); the channel
                # hook counts those, so every one is counted, once
                for _ in range(30):
                    raw_request(self.port(base)).close()
                self.assertTrue(wait_until(lambda: self.stats(base)["abandoned"] == 31, 3.0),
                                self.stats(base))
                time.sleep(0.1)
                st = self.stats(base)
                self.assertEqual((st["requests"], st["abandoned"], st["by_status"]),
                                 (31, 31, {}))

    @needs_flask
    @needs_waitress
    def test_queued_client_that_leaves_gives_up_its_place(self):
        p = self.start("--profile", "fixed", "--latency-ms", "400", "--capacity", "1",
                       "--max-queue", "5")
        base, _ = self.ready(p)
        port = self.port(base)
        holder = raw_request(port)
        self.addCleanup(holder.close)
        self.assertTrue(wait_until(lambda: self.stats(base)["in_service"] == 1))
        leaver = raw_request(port)
        self.assertTrue(wait_until(lambda: self.stats(base)["queued"] == 1))
        leaver.close()
        self.assertTrue(wait_until(lambda: self.stats(base)["queued"] == 0, 1.0))
        st = self.stats(base)
        self.assertEqual((st["abandoned"], st["in_service"]), (1, 1))
        self.assertEqual(read_answer(holder)[0], 200)
        st = self.stats(base)
        self.assertEqual((st["requests"], st["by_status"], st["abandoned"]), (2, {"200": 1}, 1))

    @needs_flask
    def test_cpu_seconds_grow_under_load_and_reset(self):
        p = self.start("--profile", "zero")
        base, _ = self.ready(p)
        before = self.stats(base)["cpu_s"]
        for _ in range(300):
            self.get(base + "/data")
        st = self.stats(base)
        self.assertGreater(st["cpu_s"], before + 0.02)
        self.assertGreater(st["cpu_percent"], 1.0)
        self.assertEqual(st["requests"], 300)
        r = json.loads(urllib.request.urlopen(urllib.request.Request(
            base + "/reset", method="POST"), timeout=WAIT_S).read())
        self.assertTrue(r["idle"])
        self.assertLess(self.stats(base)["cpu_s"], st["cpu_s"])

    @needs_flask
    def test_sigterm_is_quick_with_requests_in_service(self):
        for wsgi in WSGI_MODES:
            with self.subTest(wsgi=wsgi):
                p = self.start("--profile", "fixed", "--latency-ms", "5000", "--wsgi", wsgi)
                base, q = self.ready(p)
                socks = [raw_request(self.port(base)) for _ in range(3)]
                self.assertTrue(wait_until(lambda: self.stats(base)["in_service"] == 3))
                began = time.monotonic()
                p.send_signal(signal.SIGTERM)
                self.assertEqual(p.wait(WAIT_S), 0)
                self.assertLess(time.monotonic() - began, 1.0)
                for s in socks:
                    s.close()
                self.assertEqual(self.rest_of_stdout(q), [])
                self.assertEqual(p.stderr.read(), "")

    @needs_flask
    def test_falls_back_to_werkzeug_without_waitress(self):
        p = self.start("--profile", "zero", code=BLOCK_WAITRESS)
        base, _ = self.ready(p)
        status, _ = self.get(base + "/data")
        self.assertEqual(status, 200)
        st = self.stats(base)
        self.assertEqual((st["wsgi_server"], st["threads"]), ("werkzeug", None))
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(WAIT_S), 0)
        err = p.stderr.read().splitlines()
        self.assertEqual(len(err), 1, err)
        self.assertIn("waitress is not installed", err[0])
        self.assertIn("werkzeug", err[0])

    @needs_flask
    def test_wsgi_waitress_without_waitress_exits_4(self):
        p = self.start("--wsgi", "waitress", code=BLOCK_WAITRESS)
        self.assertEqual(p.wait(WAIT_S), 4)
        self.assertEqual(p.stdout.read(), "")
        self.assertEqual(p.stderr.read().strip(), "waitress is not installed: apt-get install "
                                                  "python3-waitress (or use --wsgi werkzeug)")

    def test_waitress_from_a_fallback_directory(self):
        # a python that cannot import waitress finds it in a fallback directory (as a
        # pyenv python finds Debian's in /usr/lib/python3/dist-packages), which is on
        # sys.path only for that import
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "waitress"))
            with open(os.path.join(d, "waitress", "__init__.py"), "w") as f:
                f.write("")
            with open(os.path.join(d, "waitress", "server.py"), "w") as f:
                f.write("MARK = 'fake waitress'\n")
            code = ("import importlib.util, sys; "
                    "sys.path[:] = [p for p in sys.path if 'packages' not in p]; "
                    "spec = importlib.util.spec_from_file_location('s', sys.argv[1]); "
                    "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); "
                    "mod, where = m.import_waitress([sys.argv[2]]); "
                    "print(mod.MARK, where == sys.argv[2], sys.argv[2] in sys.path); "
                    "print(m.import_waitress(['/nonexistent'])[0] is not None)")
            r = subprocess.run([sys.executable, "-S", "-c", code, SERVER_PY, d],
                               capture_output=True, text=True, timeout=WAIT_S)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["fake waitress True False", "True"])


if __name__ == "__main__":
    unittest.main()
