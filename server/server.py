#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
"""PatternLab's bundled HTTP simulation server.

A small Flask app that plays the role of the Go original's test server, with
one shared, lock-protected simulation state, seeded and repeatable behaviour,
a bounded capacity with a bounded wait queue, and six latency/error profiles.
It is served by waitress (a production WSGI server, one process, a thread
pool) when available, else by werkzeug's threaded development server.
See docs/SERVER.md for the full description and how the original differed.

Importing this module has no side effects; `main()` runs the server.
The simulation (class Simulator) does not depend on Flask, and takes an
injectable clock and sleep so tests can drive it without real time passing.
"""

import argparse
import collections
import dataclasses
import errno
import hashlib
import importlib
import json
import logging
import math
import os
import random
import select
import signal
import socket
import sys
import threading
import time
import traceback
import warnings
from typing import Callable, Optional

PROFILES = ("seed", "random-walk", "fixed", "zero", "stall", "heavy-tail")
DEFAULT_PROFILE = "random-walk"
# Per profile: what --latency-ms means and its default (ms), and the default --error-rate.
DEFAULT_LATENCY_MS = {"seed": 10.0, "random-walk": 20.0, "fixed": 20.0, "zero": 0.0,
                      "stall": 5.0, "heavy-tail": 5.0}
DEFAULT_ERROR_RATE = {"seed": 0.02, "random-walk": 0.01, "fixed": 0.0, "zero": 0.0,
                      "stall": 0.0, "heavy-tail": 0.0}
DEFAULT_CAPACITY = 32      # a 15-worker pool is never queued nor shed
DEFAULT_MAX_QUEUE = 64     # 7,500 simultaneous requests are shed (503)
DEFAULT_STALL_EVERY_S = 5.0
DEFAULT_STALL_MS = 1000.0
DEFAULT_TAIL_MS = 500.0
DEFAULT_TAIL_RATE = 0.02
DEFAULT_TOKEN_MS = 200.0
MAX_SEED = 2 ** 63 - 1

WSGI_SERVERS = ("auto", "waitress", "werkzeug")
LISTEN_BACKLOG = 128       # deliberate: a 7,500-connection storm overflows it (docs/SERVER.md)
EXTRA_THREADS = 16         # waitress threads = K + Q + 16 (for /stats, /token, /reset, 503s)
MAX_THREADS = 1024
# Where Debian's python3-waitress lives; looked at only when a plain import fails
# (a pyenv/venv python does not see Debian's dist-packages).
WAITRESS_FALLBACK_DIRS = ("/usr/lib/python3/dist-packages",)

RESET_WAIT_MS_DEFAULT = 5000
RESET_WAIT_MS_MAX = 60000
POLL_S = 0.05              # how often a waiting or sleeping request checks for its client
CPU_WINDOW_S = 1.0         # cpu_percent: CPU over (about) the last second
CPU_SAMPLE_S = 0.25

# random-walk constants (the step rule is the original's documented one)
WALK_MAX_S = 0.300         # walk kept inside [0, max(300 ms, 2 x centre)]
WALK_STEP_S = 0.100        # step = factor * U(-0.1, 0.1) s
WALK_REVERSION = 0.05      # each request moves 5% of the way back to the centre
GAP_SCALE_S = 5.0          # factor = clamp(gap / 5 s, 0.1, 2.0)
GAP_FACTOR_MIN = 0.1
GAP_FACTOR_MAX = 2.0
BURST_FROM = 0.5           # bursts once others in the server >= half the capacity
BURST_GAIN = 10.0          # p = min(1, error_rate * 10 * busy / capacity)

EXIT_OK, EXIT_USAGE, EXIT_START = 0, 2, 4
ABANDONED = 499            # internal status of a request whose client went away (nginx's 499)


@dataclasses.dataclass
class Config:
    profile: str = DEFAULT_PROFILE
    latency_ms: Optional[float] = None   # None: the profile's default
    error_rate: Optional[float] = None   # None: the profile's default
    seed: Optional[int] = None           # None: a random seed, reported in /stats
    capacity: int = DEFAULT_CAPACITY
    max_queue: int = DEFAULT_MAX_QUEUE
    gap_clock: Optional[str] = None      # "wall" | "virtual"; None: virtual iff seed given
    stall_every_s: float = DEFAULT_STALL_EVERY_S
    stall_ms: float = DEFAULT_STALL_MS
    tail_ms: float = DEFAULT_TAIL_MS
    tail_rate: float = DEFAULT_TAIL_RATE
    token_ms: float = DEFAULT_TOKEN_MS
    host: str = "127.0.0.1"
    port: int = 0
    access_log: bool = False
    wsgi: str = "auto"

    def validate(self) -> None:
        def ms_ok(v):
            return isinstance(v, (int, float)) and math.isfinite(v) and v >= 0
        if self.profile not in PROFILES:
            raise ValueError(f"unknown profile {self.profile!r}")
        if self.latency_ms is not None and not ms_ok(self.latency_ms):
            raise ValueError("latency_ms must be a finite number >= 0")
        if self.error_rate is not None and not (0.0 <= self.error_rate <= 1.0):
            raise ValueError("error_rate must be between 0 and 1")
        if self.seed is not None and not (0 <= self.seed <= MAX_SEED):
            raise ValueError("seed must be between 0 and 2^63-1")
        if self.capacity < 1:
            raise ValueError("capacity must be >= 1")
        if self.max_queue < 0:
            raise ValueError("max_queue must be >= 0")
        if self.gap_clock not in (None, "wall", "virtual"):
            raise ValueError("gap_clock must be 'wall' or 'virtual'")
        if not (math.isfinite(self.stall_every_s) and self.stall_every_s > 0):
            raise ValueError("stall_every_s must be a finite number > 0")
        if not ms_ok(self.stall_ms):
            raise ValueError("stall_ms must be a finite number >= 0")
        if self.stall_ms >= self.stall_every_s * 1000.0:
            raise ValueError("stall_ms must be shorter than stall_every_s")
        if not ms_ok(self.tail_ms):
            raise ValueError("tail_ms must be a finite number >= 0")
        if not (0.0 <= self.tail_rate <= 1.0):
            raise ValueError("tail_rate must be between 0 and 1")
        if not ms_ok(self.token_ms):
            raise ValueError("token_ms must be a finite number >= 0")
        if self.wsgi not in WSGI_SERVERS:
            raise ValueError(f"wsgi must be one of {', '.join(WSGI_SERVERS)}")


class CpuMeter:
    """The process's CPU time (all threads, user + system, time.process_time):
    seconds since a base (start or reset) and percent of one core over about the last
    second. Samples come from /stats calls and, in the real server, from a sampler
    thread every 0.25 s, so the window is right whoever polls and how often."""

    def __init__(self, cpu: Callable[[], float] = time.process_time,
                 clock: Callable[[], float] = time.monotonic):
        self._cpu, self._clock = cpu, clock
        self._lock = threading.Lock()
        self._samples: collections.deque = collections.deque(maxlen=32)
        self._base = cpu()
        self.sample()

    def reset(self) -> None:
        with self._lock:
            self._base = self._cpu()

    def seconds(self) -> float:
        return self._cpu() - self._base

    def sample(self):
        now, cpu = self._clock(), self._cpu()
        with self._lock:
            if not self._samples or now - self._samples[-1][0] >= 0.05:
                self._samples.append((now, cpu))
        return now, cpu

    def percent(self) -> float:
        now, cpu = self.sample()
        with self._lock:
            ref = None
            for t, c in reversed(self._samples):    # newest sample at least 1 s old
                if now - t >= CPU_WINDOW_S:
                    ref = (t, c)
                    break
            if ref is None:                         # less history: the oldest one
                ref = self._samples[0]
        dt = now - ref[0]
        return 100.0 * (cpu - ref[1]) / dt if dt > 0 else 0.0

    def start_sampler(self) -> None:
        def run():
            while True:
                time.sleep(CPU_SAMPLE_S)
                self.sample()
        threading.Thread(target=run, name="cpu-sampler", daemon=True).start()


class _Ticket:
    __slots__ = ("k", "gen", "arrived", "latency", "fail", "event", "shed", "busy")


class Simulator:
    """The one shared simulation state. Thread-safe; every decision for request k
    (k = 0, 1, 2... since start or reset) is drawn under the lock in arrival order."""

    def __init__(self, config: Config, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        config.validate()
        self.config = config
        self.profile = config.profile
        self.latency_ms = float(DEFAULT_LATENCY_MS[self.profile] if config.latency_ms is None
                                else config.latency_ms)
        self.error_rate = float(DEFAULT_ERROR_RATE[self.profile] if config.error_rate is None
                                else config.error_rate)
        if self.profile == "zero":
            self.latency_ms, self.error_rate = 0.0, 0.0
        self.capacity = config.capacity
        self.max_queue = config.max_queue
        self.stall_every_s = float(config.stall_every_s)
        self.stall_ms = float(config.stall_ms)
        self.tail_ms = float(config.tail_ms)
        self.tail_rate = float(config.tail_rate)
        self.token_ms = float(config.token_ms)
        self.seed = (config.seed if config.seed is not None
                     else random.SystemRandom().randrange(2 ** 32))
        self.gap_clock = config.gap_clock or ("virtual" if config.seed is not None else "wall")
        # set by whoever serves the app (main); null when driven through WSGI directly
        self.wsgi_server: Optional[str] = None
        self.threads: Optional[int] = None
        self.cpu = CpuMeter()
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._in_service = 0
        self._waiters: collections.deque = collections.deque()
        self._resetting = 0        # /reset calls waiting for idle (then _release notifies)
        self._gen = 0
        self._resets = -1
        self._started = clock()
        self._reset_locked()

    # -- state -------------------------------------------------------------------------
    def _reset_locked(self) -> None:
        self._rng = random.Random(self.seed)
        self._gen += 1
        self._resets += 1
        self._k = 0
        self._by_status: dict = {}
        self._abandoned = 0
        self._tokens = 0
        self._walk = self.latency_ms / 1000.0
        self._last_arrival: Optional[float] = None
        self._max_in_service = self._in_service     # live gauges survive a reset
        self._max_queued = len(self._waiters)
        self._reset_at = self._clock()
        self.cpu.reset()

    def reset(self, seed: Optional[int] = None, wait_s: float = 0.0) -> dict:
        """Wait (up to wait_s, real time) until nothing is in service or queued, then
        zero the counters and reseed. Resets even when the wait runs out (idle false)."""
        if seed is not None and not 0 <= seed <= MAX_SEED:
            raise ValueError("seed must be between 0 and 2^63-1")
        began = time.monotonic()
        deadline = began + max(0.0, wait_s)
        with self._lock:
            self._resetting += 1
            try:
                while self._in_service or self._waiters:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._idle.wait(left)
            finally:
                self._resetting -= 1
            idle = not (self._in_service or self._waiters)
            if seed is not None:
                self.seed = seed
            self._reset_locked()
            return {"status": "reset", "seed": self.seed, "profile": self.profile,
                    "idle": idle, "in_service": self._in_service,
                    "queued": len(self._waiters),
                    "waited_ms": round((time.monotonic() - began) * 1000.0, 3)}

    def _stall_phase(self, now: float):
        """(freezes begun since reset, end of the freeze in force or None)."""
        # 1 ns ahead: a clock a rounding error short of an edge counts as past it, so
        # the service loop never sleeps for nothing (and never loops on a fake clock)
        e = now - self._reset_at + 1e-9
        n = math.floor(e / self.stall_every_s)
        if n >= 1 and e - n * self.stall_every_s < self.stall_ms / 1000.0:
            return n, self._reset_at + n * self.stall_every_s + self.stall_ms / 1000.0
        return max(0, n), None

    def stats(self) -> dict:
        cpu_s = self.cpu.seconds()
        cpu_percent = self.cpu.percent()
        with self._lock:
            by_status = {str(code): n for code, n in sorted(self._by_status.items())}
            now = self._clock()
            stall = self.profile == "stall"
            stalls, freeze_end = self._stall_phase(now) if stall else (None, None)
            tail = self.profile == "heavy-tail"
            return {
                "requests": self._k,
                "by_status": by_status,
                "completed": sum(self._by_status.values()),
                "shed": self._by_status.get(503, 0),
                "abandoned": self._abandoned,
                "in_flight": self._in_service,
                "in_service": self._in_service,
                "max_in_flight": self._max_in_service,
                "queued": len(self._waiters),
                "max_queued": self._max_queued,
                "profile": self.profile,
                "seed": self.seed,
                "gap_clock": self.gap_clock,
                "latency_ms": self.latency_ms,
                "error_rate": self.error_rate,
                "capacity": self.capacity,
                "max_queue": self.max_queue,
                "walk_latency_ms": (round(self._walk * 1000.0, 3)
                                    if self.profile == "random-walk" else None),
                "stall_every_s": self.stall_every_s if stall else None,
                "stall_ms": self.stall_ms if stall else None,
                "stalls": stalls,
                "stalled": (freeze_end is not None) if stall else None,
                "tail_ms": self.tail_ms if tail else None,
                "tail_rate": self.tail_rate if tail else None,
                "token_ms": self.token_ms,
                "tokens_issued": self._tokens,
                "cpu_s": round(cpu_s, 3),
                "cpu_percent": round(cpu_percent, 1),
                "wsgi_server": self.wsgi_server,
                "threads": self.threads,
                "resets": self._resets,
                "uptime_s": round(now - self._started, 3),
                "since_reset_s": round(now - self._reset_at, 3),
            }

    # -- the draw ----------------------------------------------------------------------
    def _draw(self, now: float, busy: int):
        """Latency (s) and failure flag of the next request; call under the lock.
        Every profile but zero consumes a fixed number of draws per request, so the
        k-th request's values depend only on (seed, k, parameters) -- and, for
        random-walk, on wall-clock gaps only when gap_clock is "wall", and on load
        only when the server is past half its capacity."""
        rng, p = self._rng, self.error_rate
        profile = self.profile
        if profile == "zero":
            return 0.0, False
        if profile == "seed":
            half = self.latency_ms / 1000.0
            latency = max(0.0, rng.uniform(-half, half))
            return latency, rng.random() < p
        if profile == "fixed" or profile == "stall":
            return self.latency_ms / 1000.0, rng.random() < p
        if profile == "heavy-tail":
            tail = rng.random() < self.tail_rate
            return (self.tail_ms if tail else self.latency_ms) / 1000.0, rng.random() < p
        # random-walk
        factor = GAP_FACTOR_MIN
        if self.gap_clock == "wall" and self._last_arrival is not None:
            gap = max(0.0, now - self._last_arrival)
            factor = min(GAP_FACTOR_MAX, max(GAP_FACTOR_MIN, gap / GAP_SCALE_S))
        self._last_arrival = now
        centre = self.latency_ms / 1000.0
        upper = max(WALK_MAX_S, 2.0 * centre)
        x = (self._walk + WALK_REVERSION * (centre - self._walk)
             + factor * rng.uniform(-WALK_STEP_S, WALK_STEP_S))
        if x < 0.0:
            x = -x
        if x > upper:
            x = 2.0 * upper - x
        x = min(upper, max(0.0, x))
        self._walk = x
        if busy >= BURST_FROM * self.capacity:
            p = min(1.0, p * BURST_GAIN * busy / self.capacity)
        return x, rng.random() < p

    # -- one request -------------------------------------------------------------------
    def admit(self) -> _Ticket:
        t = _Ticket()
        t.arrived = now = self._clock()
        t.event = None
        t.shed = False
        with self._lock:
            t.k, t.gen = self._k, self._gen
            self._k += 1
            t.busy = self._in_service + len(self._waiters)
            t.latency, t.fail = self._draw(now, t.busy)
            if self._in_service < self.capacity:
                self._in_service += 1
                if self._in_service > self._max_in_service:
                    self._max_in_service = self._in_service
            elif len(self._waiters) < self.max_queue:
                t.event = threading.Event()
                self._waiters.append(t.event)
                if len(self._waiters) > self._max_queued:
                    self._max_queued = len(self._waiters)
            else:
                t.shed = True
                self._by_status[503] = self._by_status.get(503, 0) + 1
        return t

    def _release(self, t: _Ticket, status: int) -> None:
        with self._lock:
            if self._waiters:
                self._waiters.popleft().set()     # hand the slot over, FIFO
            else:
                self._in_service -= 1
                if self._in_service == 0 and self._resetting:
                    self._idle.notify_all()
            if t.gen == self._gen:
                if status == ABANDONED:
                    self._abandoned += 1
                else:
                    self._by_status[status] = self._by_status.get(status, 0) + 1

    def note_abandoned_before_app(self) -> int:
        """A /data request that arrived complete but whose client left before the WSGI
        server handed it to the app: it takes its index k and its draws like any other
        request, and counts as abandoned. Returns k."""
        now = self._clock()
        with self._lock:
            k = self._k
            self._k += 1
            self._draw(now, self._in_service + len(self._waiters))
            self._abandoned += 1
            return k

    def _wait_for_slot(self, t: _Ticket, disconnected) -> bool:
        """Wait in the queue; False if the client went away first (place given up)."""
        ev = t.event
        if disconnected is None:
            ev.wait()
            return True
        while not ev.wait(POLL_S):
            if disconnected():
                with self._lock:
                    if ev.is_set():           # the slot came at the same moment: take it
                        return True
                    self._waiters.remove(ev)
                    if t.gen == self._gen:
                        self._abandoned += 1
                return False
        return True

    def _pause(self, seconds: float, disconnected) -> bool:
        """Sleep; with a client to watch, in slices of POLL_S. True: the client left."""
        if seconds <= 0.0:
            return False
        if disconnected is None or seconds <= POLL_S:
            self._sleep(seconds)
            return False
        end = self._clock() + seconds
        while True:
            left = end - self._clock()
            if left <= 0.0:
                return False
            self._sleep(min(left, POLL_S))
            if disconnected():
                return True

    def _service_stall(self, work: float, disconnected) -> bool:
        """Serve `work` seconds of latency, the clock of which stops during freezes:
        a request arriving in a freeze, or in service when one begins, is held until
        it ends. True: the client left."""
        remaining = work
        every = self.stall_every_s
        while True:
            now = self._clock()
            n, freeze_end = self._stall_phase(now)
            if freeze_end is not None:
                if self._pause(freeze_end - now, disconnected):
                    return True
                continue
            if remaining <= 0.0:
                return False
            to_next = self._reset_at + (n + 1) * every - now
            if remaining <= to_next:
                return self._pause(remaining, disconnected)
            if self._pause(to_next, disconnected):
                return True
            remaining -= to_next

    def serve(self, disconnected: Optional[Callable[[], bool]] = None):
        """Serve one GET /data: returns (status, body dict, queue wait s, service s).
        `disconnected()` (optional) tells whether the client has gone; it is checked
        while queued, before and after the service, and every POLL_S while sleeping.
        Status 499 (ABANDONED): the client left; the answer will not be delivered."""
        t = self.admit()
        if t.shed:
            return 503, {"error": "Server overloaded", "request_id": t.k,
                         "capacity": self.capacity, "max_queue": self.max_queue}, 0.0, 0.0
        if t.event is not None and not self._wait_for_slot(t, disconnected):
            waited = max(0.0, self._clock() - t.arrived)
            return ABANDONED, {"error": "Client closed request", "request_id": t.k}, waited, 0.0
        begun = self._clock()
        waited = max(0.0, begun - t.arrived)
        status = 500
        try:
            if disconnected is not None and disconnected():
                gone = True
            elif self.profile == "stall":
                gone = self._service_stall(t.latency, disconnected)
            else:
                gone = self._pause(t.latency, disconnected)
            if not gone and disconnected is not None and disconnected():
                gone = True
            status = ABANDONED if gone else 500 if t.fail else 200
        finally:
            self._release(t, status)
        service = max(0.0, self._clock() - begun)
        latency_ms = round(t.latency * 1000.0, 3)
        wait_ms = round(waited * 1000.0, 3)
        if status == ABANDONED:
            return ABANDONED, {"error": "Client closed request", "request_id": t.k,
                               "latency_ms": latency_ms, "wait_ms": wait_ms}, waited, service
        if t.fail:
            return 500, {"error": "Simulated server error", "request_id": t.k,
                         "latency_ms": latency_ms, "wait_ms": wait_ms}, waited, service
        return 200, {"message": "Hello, World!", "request_id": t.k,
                     "latency_ms": latency_ms, "wait_ms": wait_ms}, waited, service

    def handle(self):
        """Serve one GET /data without a client to watch: returns (status, body)."""
        status, body, _, _ = self.serve()
        return status, body

    def token(self):
        """Serve one GET /token: sleep token_ms, then issue token number k (1, 2, ...
        since start or reset). Returns (body, service s). Not a /data request: no
        capacity slot, not counted in `requests`."""
        begun = self._clock()
        if self.token_ms > 0:
            self._sleep(self.token_ms / 1000.0)
        with self._lock:
            self._tokens += 1
            k, seed = self._tokens, self.seed
        token = hashlib.sha256(f"patternlab-token:{seed}:{k}".encode()).hexdigest()[:32]
        return {"token": token, "issued": k}, max(0.0, self._clock() - begun)


# ---------------------------------------------------------------------------------------
# Flask app
# ---------------------------------------------------------------------------------------
def _peer_closed(sock) -> bool:
    """True if the peer of a connected socket has closed it (EOF or reset). Peeks
    without consuming, so a pipelined next request is left alone (and means: alive)."""
    try:
        fd = sock.fileno()
        if fd < 0:
            return True
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        if not poller.poll(0):
            return False
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError):
        return False
    except (OSError, ValueError):
        return True


def disconnect_probe(environ) -> Optional[Callable[[], bool]]:
    """A callable telling whether this request's client has gone, or None if the WSGI
    server gives no way to know. waitress: its own flag (needs channel_request_lookahead
    > 0, so the connection is read while the app runs); werkzeug: a peek at the socket."""
    probe = environ.get("waitress.client_disconnected")
    if probe is not None:
        return probe
    sock = environ.get("werkzeug.socket")
    if sock is not None:
        return lambda: _peer_closed(sock)
    return None


def server_timing(wait_s: float, service_s: float) -> str:
    return f"queue;dur={wait_s * 1000.0:.3f}, service;dur={service_s * 1000.0:.3f}"


def create_app(config: Optional[Config] = None, clock: Callable[[], float] = time.monotonic,
               sleep: Callable[[float], None] = time.sleep, simulator: Optional[Simulator] = None):
    import flask
    from werkzeug.exceptions import HTTPException

    sim = simulator if simulator is not None else Simulator(config or Config(), clock, sleep)
    app = flask.Flask("patternlab_server", static_folder=None)
    app.simulator = sim
    request = flask.request
    dumps = json.JSONEncoder(separators=(",", ":")).encode

    def reply(status: int, obj) -> "flask.Response":
        return flask.Response(dumps(obj), status=status, mimetype="application/json")

    def bad_query(names) -> "flask.Response":
        return reply(400, {"error": "Bad query string",
                           "detail": f"unexpected query parameter(s): {', '.join(sorted(names))}"})

    def no_args():
        return bad_query(request.args.keys()) if request.args else None

    def data_answer(environ):
        """One GET /data: (status, extra headers, JSON payload bytes)."""
        try:
            status, body, wait_s, service_s = sim.serve(disconnect_probe(environ))
        except Exception as e:  # a JSON 500 like the Flask handler's, never a traceback page
            traceback.print_exception(type(e), e, e.__traceback__, file=sys.stderr)
            status, body = 500, {"error": "Internal server error", "detail": type(e).__name__}
            wait_s = service_s = 0.0
        if status == 200:   # the common answer, formatted directly: the same bytes as dumps
            payload = (f'{{"message":"Hello, World!","request_id":{body["request_id"]!r},'
                       f'"latency_ms":{body["latency_ms"]!r},"wait_ms":{body["wait_ms"]!r}}}')
        else:
            payload = dumps(body)
        return status, server_timing(wait_s, service_s), payload.encode()

    @app.route("/data", methods=["GET"])
    def data():     # reached only with a query string (400) or HEAD: see data_fast_path
        bad = no_args()
        if bad is not None:
            return bad
        status, timing, payload = data_answer(request.environ)
        resp = flask.Response(payload, status=status, mimetype="application/json")
        resp.headers["Server-Timing"] = timing
        return resp

    @app.route("/token", methods=["GET"])
    def token():
        bad = no_args()
        if bad is not None:
            return bad
        body, service_s = sim.token()
        resp = reply(200, body)
        resp.headers["Server-Timing"] = server_timing(0.0, service_s)
        return resp

    @app.route("/health", methods=["GET"])
    def health():
        return no_args() or reply(200, {"status": "ok"})

    @app.route("/stats", methods=["GET"])
    def stats():
        return no_args() or reply(200, sim.stats())

    @app.route("/reset", methods=["POST"])
    def reset():
        extra = set(request.args.keys()) - {"seed", "wait_ms"}
        if extra:
            return bad_query(extra)
        seed = None
        if "seed" in request.args:
            raw = request.args.get("seed", "")
            if not raw.isdigit() or int(raw) > MAX_SEED:
                return reply(400, {"error": "Bad query string",
                                   "detail": f"seed must be an integer 0..2^63-1, got {raw!r}"})
            seed = int(raw)
        wait_ms = RESET_WAIT_MS_DEFAULT
        if "wait_ms" in request.args:
            raw = request.args.get("wait_ms", "")
            if not raw.isdigit() or int(raw) > RESET_WAIT_MS_MAX:
                return reply(400, {"error": "Bad query string",
                                   "detail": f"wait_ms must be an integer 0..{RESET_WAIT_MS_MAX}"
                                             f", got {raw!r}"})
            wait_ms = int(raw)
        return reply(200, sim.reset(seed, wait_ms / 1000.0))

    @app.errorhandler(HTTPException)
    def http_error(e):
        resp = e.get_response()
        resp.set_data(dumps({"error": e.name, "status": e.code, "path": request.path,
                             "detail": e.description}))
        resp.mimetype = "application/json"
        return resp

    @app.errorhandler(Exception)
    def any_error(e):
        traceback.print_exception(type(e), e, e.__traceback__, file=sys.stderr)
        return reply(500, {"error": "Internal server error", "detail": type(e).__name__})

    # The hot path: a plain GET /data skips Flask's request context and routing, so the
    # server's own bookkeeping costs a few microseconds. Anything else (query strings,
    # other methods, other paths) goes to Flask.
    flask_wsgi = app.wsgi_app
    status_lines = {200: "200 OK", 500: "500 INTERNAL SERVER ERROR",
                    503: "503 SERVICE UNAVAILABLE", ABANDONED: "499 CLIENT CLOSED REQUEST"}

    def data_fast_path(environ, start_response):
        if (environ.get("PATH_INFO") != "/data" or environ.get("REQUEST_METHOD") != "GET"
                or environ.get("QUERY_STRING")):
            return flask_wsgi(environ, start_response)
        status, timing, payload = data_answer(environ)
        start_response(status_lines[status], [("Content-Type", "application/json"),
                                              ("Content-Length", str(len(payload))),
                                              ("Server-Timing", timing)])
        return [payload]

    app.wsgi_app = data_fast_path
    return app


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------
HELP_EPILOG = """\
endpoints:
  GET  /data    200 {"message": "Hello, World!", "request_id": k, "latency_ms": x, "wait_ms": w}
                500 {"error": "Simulated server error", ...}   503 {"error": "Server overloaded", ...}
                every answer has the header
                Server-Timing: queue;dur=<ms waiting for a slot>, service;dur=<ms in service>
  GET  /token   sleeps --token-ms, then 200 {"token": "...", "issued": k} (k = 1, 2, ... since
                start or /reset); no capacity slot, not counted in requests
  GET  /health  200 {"status": "ok"}
  GET  /stats   counters: requests, by_status, shed, abandoned, in_service (= in_flight),
                max_in_flight, queued, max_queued, tokens_issued, cpu_s, cpu_percent,
                wsgi_server, threads, profile, seed, stalls, stalled, ...
  POST /reset   waits until nothing is in service or queued (?wait_ms=N, default 5000,
                max 60000), then counters to zero and the random source reseeded with the
                same seed (or ?seed=S); answers idle true|false, in_service, queued, waited_ms

profiles (--latency-ms / --error-rate defaults in brackets):
  seed         what the Go original really served: latency max(0, U(-L, L)), i.e. 0 half
               the time, else uniform up to L [10 ms]; error probability [0.02]
  random-walk  (default) what the original documented: latency is a mean-reverting random
               walk centred on L [20 ms] inside 0..max(300 ms, 2L); each request moves 5%
               back to L plus a step factor*U(-100, 100) ms, factor = clamp(gap/5 s, 0.1,
               2.0); error probability [0.01], rising to min(1, P*10*busy/K) while the
               requests already in the server (busy) are >= K/2
  fixed        constant latency L [20 ms], error probability [0]
  zero         no sleep, no errors (--latency-ms/--error-rate ignored)
  stall        latency L [5 ms], error probability [0]; every --stall-every-s S [5] seconds
               after start or /reset the server freezes for --stall-ms M [1000]: windows
               [S, S+M), [2S, 2S+M), ...; requests arriving or in service then are held
               until the freeze ends (their service clock stops)
  heavy-tail   latency L [5 ms], or --tail-ms T [500] with probability --tail-rate p
               [0.02], drawn per request index; error probability [0]

determinism: with --seed S the k-th /data request after start or /reset gets the same
  latency and outcome in every run: the random-walk gap factor then uses a virtual clock
  (factor fixed at 0.1, as under continuous traffic) instead of wall-clock gaps.
  Without --seed a random seed is drawn and shown in /stats, and the gap factor uses
  real gaps between requests (it differs from 0.1 only after a gap of 0.5 s or more).
  Load-dependent effects (queue wait, 503s, random-walk error bursts past K/2, which
  requests meet a stall) depend on timing by nature.

capacity: at most K requests in service; up to Q more wait (FIFO, their wait is part of
  what the client sees); past that /data answers 503 at once. A client that closes its
  connection while queued gives its place up; one that leaves in service stops being
  served (checked every 50 ms); both count as abandoned.

wsgi server: --wsgi auto (default) serves with waitress (K + Q + 16 threads, at most
  1024, so queued requests wait inside the app) and falls back to werkzeug's threaded
  server with one line on stderr when waitress is missing. Both listen with a backlog
  of 128 (capped by net.core.somaxconn): 7,500 simultaneous connects overflow it, as
  they did against the original.

exit codes: 0 stopped by SIGTERM/SIGINT; 2 bad arguments; 4 could not start (port in
  use, cannot bind, Flask missing, --wsgi waitress without waitress).
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _port(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be an integer 0..65535, got {text!r}")
    if not 0 <= v <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 0 and 65535, got {v}")
    return v


def _ms(what: str):
    def parse(text: str) -> float:
        try:
            v = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a number of milliseconds, "
                                             f"got {text!r}")
        if not math.isfinite(v) or v < 0:
            raise argparse.ArgumentTypeError(f"{what} must be >= 0 ms, got {text}")
        return v
    return parse


_latency = _ms("latency")


def _probability(what: str):
    def parse(text: str) -> float:
        try:
            v = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a probability 0..1, got {text!r}")
        if not 0.0 <= v <= 1.0:
            raise argparse.ArgumentTypeError(f"{what} must be between 0 and 1, got {text}")
        return v
    return parse


_rate = _probability("error rate")


def _positive_seconds(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"stall period must be a number of seconds, "
                                         f"got {text!r}")
    if not math.isfinite(v) or v <= 0:
        raise argparse.ArgumentTypeError(f"stall period must be > 0 s, got {text}")
    return v


def _int_at_least(low: int, what: str):
    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be an integer >= {low}, got {text!r}")
        if v < low:
            raise argparse.ArgumentTypeError(f"{what} must be >= {low}, got {v}")
        return v
    return parse


def _seed(text: str) -> int:
    if not text.isdigit() or int(text) > MAX_SEED:
        raise argparse.ArgumentTypeError(f"seed must be an integer 0..2^63-1, got {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="server.py", formatter_class=argparse.RawDescriptionHelpFormatter,
                description="PatternLab's bundled HTTP simulation server (Flask app served "
                            "by waitress, or werkzeug's threaded server). Prints one line "
                            "'READY http://HOST:PORT' on stdout once it accepts connections.",
                epilog=HELP_EPILOG)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1; the original bound 0.0.0.0)")
    p.add_argument("--port", type=_port, default=0,
                   help="TCP port, 0..65535; 0 (default) picks a free port, shown in READY")
    p.add_argument("--profile", choices=PROFILES, default=DEFAULT_PROFILE,
                   help="latency/error model (default random-walk); see below")
    p.add_argument("--latency-ms", type=_latency, default=None, metavar="X",
                   help="ms, >= 0: seed: max of the uniform [10]; random-walk: centre [20]; "
                        "fixed: the latency [20]; stall, heavy-tail: the base latency [5]; "
                        "zero: ignored")
    p.add_argument("--error-rate", type=_rate, default=None, metavar="P",
                   help="probability 0..1 of a simulated 500: seed [0.02], random-walk "
                        "baseline [0.01], fixed, stall, heavy-tail [0]; zero: ignored")
    p.add_argument("--seed", type=_seed, default=None, metavar="S",
                   help="integer 0..2^63-1; makes every run repeat the same sequence "
                        "(default: a random seed, reported in /stats)")
    p.add_argument("--capacity", type=_int_at_least(1, "capacity"), default=DEFAULT_CAPACITY,
                   metavar="K", help=f"max requests in service at once, >= 1 (default "
                                     f"{DEFAULT_CAPACITY})")
    p.add_argument("--max-queue", type=_int_at_least(0, "max-queue"), default=DEFAULT_MAX_QUEUE,
                   metavar="Q", help=f"max requests waiting for a slot, >= 0; beyond: 503 "
                                     f"(default {DEFAULT_MAX_QUEUE})")
    p.add_argument("--stall-every-s", type=_positive_seconds, default=DEFAULT_STALL_EVERY_S,
                   metavar="S", help="stall profile: seconds between freezes, > 0 (default 5)")
    p.add_argument("--stall-ms", type=_ms("stall length"), default=DEFAULT_STALL_MS,
                   metavar="M", help="stall profile: length of a freeze in ms, >= 0 and "
                                     "shorter than --stall-every-s (default 1000)")
    p.add_argument("--tail-ms", type=_ms("tail latency"), default=DEFAULT_TAIL_MS, metavar="T",
                   help="heavy-tail profile: latency of a tail request in ms, >= 0 "
                        "(default 500)")
    p.add_argument("--tail-rate", type=_probability("tail rate"), default=DEFAULT_TAIL_RATE,
                   metavar="p", help="heavy-tail profile: probability 0..1 that a request "
                                     "takes --tail-ms (default 0.02)")
    p.add_argument("--token-ms", type=_ms("token time"), default=DEFAULT_TOKEN_MS, metavar="X",
                   help="GET /token: ms it takes to issue a token, >= 0 (default 200)")
    p.add_argument("--wsgi", choices=WSGI_SERVERS, default="auto",
                   help="WSGI server: auto (default: waitress if installed, else werkzeug "
                        "with one line on stderr), waitress (exit 4 if missing), werkzeug")
    p.add_argument("--access-log", action="store_true",
                   help="one line per request on stderr (default: none)")
    return p


def parse_args(argv=None) -> Config:
    parser = build_parser()
    a = parser.parse_args(argv)
    if a.stall_ms >= a.stall_every_s * 1000.0:
        parser.error(f"argument --stall-ms: a freeze must be shorter than the period "
                     f"--stall-every-s ({a.stall_every_s:g} s), got {a.stall_ms:g} ms")
    return Config(profile=a.profile, latency_ms=a.latency_ms, error_rate=a.error_rate,
                  seed=a.seed, capacity=a.capacity, max_queue=a.max_queue,
                  stall_every_s=a.stall_every_s, stall_ms=a.stall_ms, tail_ms=a.tail_ms,
                  tail_rate=a.tail_rate, token_ms=a.token_ms, host=a.host, port=a.port,
                  access_log=a.access_log, wsgi=a.wsgi)


# ---------------------------------------------------------------------------------------
# Serving
# ---------------------------------------------------------------------------------------
def import_waitress(fallback_dirs=WAITRESS_FALLBACK_DIRS):
    """waitress.server, or None. A plain import first; if that fails (a pyenv or venv
    python does not see Debian's dist-packages), each fallback directory holding a
    waitress package is put at the END of sys.path for this one import and taken off
    again: waitress is pure Python and imports only the standard library, and nothing
    else is looked up there. Returns (module or None, where it came from)."""
    try:
        return importlib.import_module("waitress.server"), "sys.path"
    except ImportError:
        pass
    for d in fallback_dirs:
        if d in sys.path or not os.path.isfile(os.path.join(d, "waitress", "__init__.py")):
            continue
        sys.path.append(d)
        try:
            return importlib.import_module("waitress.server"), d
        except Exception:
            for name in [m for m in sys.modules if m == "waitress" or m.startswith("waitress.")]:
                if sys.modules[name] is not None:
                    del sys.modules[name]
        finally:
            sys.path.remove(d)
    return None, None


def waitress_threads(capacity: int, max_queue: int) -> int:
    """K in service + Q queued + a few for 503s, /stats, /token and /reset: every request
    the admission can hold waits inside the app (counted), anything beyond gets its 503
    at once instead of waiting unseen in waitress's task queue."""
    return min(capacity + max_queue + EXTRA_THREADS, MAX_THREADS)


def _raise_fd_limit() -> int:
    """Soft RLIMIT_NOFILE up to the hard limit (at most 65536); returns the soft limit."""
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
        if soft != resource.RLIM_INFINITY and soft < want:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
            soft = want
        return 65536 if soft == resource.RLIM_INFINITY else soft
    except (ImportError, ValueError, OSError):
        return 1024


def _access_logged(app):
    """One werkzeug-style line per request on stderr (waitress has no access log)."""
    def logged(environ, start_response):
        seen = ["-", "-"]

        def start(status, headers, exc_info=None):
            seen[0] = status.split(" ", 1)[0]
            seen[1] = next((v for k, v in headers if k.lower() == "content-length"), "-")
            return start_response(status, headers, exc_info)
        result = app(environ, start)
        uri = environ.get("RAW_URI") or (environ.get("PATH_INFO", "") + (
            "?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else ""))
        stamp = time.strftime("%d/%b/%Y %H:%M:%S")
        sys.stderr.write(f'{environ.get("REMOTE_ADDR", "-")} - - [{stamp}] '
                         f'"{environ.get("REQUEST_METHOD")} {uri} '
                         f'{environ.get("SERVER_PROTOCOL")}" {seen[0]} {seen[1]}\n')
        return result
    return logged


def _handler_class(access_log: bool):
    from werkzeug.serving import WSGIRequestHandler

    class Handler(WSGIRequestHandler):
        protocol_version = "HTTP/1.1"   # keep-alive, as werkzeug does when threaded

        def log_request(self, code="-", size="-"):
            if access_log:
                stamp = time.strftime("%d/%b/%Y %H:%M:%S")
                sys.stderr.write(f'{self.address_string()} - - [{stamp}] '
                                 f'"{self.requestline}" {code} {size}\n')

    return Handler


def _listen(host: str, port: int):
    """Bind and listen ourselves so a busy port gives one clear line (werkzeug's own
    bind prints two and exits 1). Backlog 128, whichever server runs."""
    # the same rule as werkzeug's select_address_family, which make_server applies to fd
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(socket.getaddrinfo(host, port, family, socket.SOCK_STREAM,
                                     socket.IPPROTO_TCP)[0][4])
        sock.listen(LISTEN_BACKLOG)
    except BaseException:
        sock.close()
        raise
    return sock


def _create_waitress(ws, app, sim: Simulator, sock, threads: int, fd_limit: int):
    """A waitress server on our listening socket, not yet running."""
    kw = dict(sockets=[sock], threads=threads,
              backlog=LISTEN_BACKLOG,               # waitress listens again with this
              connection_limit=max(256, min(fd_limit - 64, 10000)),
              channel_request_lookahead=1,          # read on while the app runs: see EOF
              asyncore_use_poll=True,               # select() stops at fd 1024
              clear_untrusted_proxy_headers=False,  # no proxy-header middleware
              send_bytes=65536)                     # one send per answer (header + body)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)   # send_bytes is deprecated
        while True:
            try:
                server = ws.create_server(app, **kw)
                break
            except ValueError as e:   # an older/newer waitress without one of these knobs
                unknown = [k for k in kw if k != "sockets" and repr(k) in str(e)]
                if not unknown:
                    raise
                del kw[unknown[0]]

    # A request whose client closed the connection before a worker thread took it is
    # dropped by waitress without calling the app: count it as abandoned all the same.
    base = server.channel_class

    class Channel(base):
        def service(self):
            try:
                if not self.connected and self.requests:
                    r = self.requests[0]
                    if r.command == "GET" and r.path == "/data" and not r.query:
                        sim.note_abandoned_before_app()
            except AttributeError:
                pass
            return base.service(self)

    server.channel_class = Channel
    return server


def main(argv=None) -> int:
    config = parse_args(argv)
    stop = threading.Event()
    in_loop = threading.Event()   # waitress's event loop is running in the main thread
    box = []

    def on_signal(signum, frame):
        stop.set()
        if in_loop.is_set():
            raise SystemExit(EXIT_OK)   # out of waitress's poll(); asyncore re-raises it
        if box:
            threading.Thread(target=box[0].shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    try:
        importlib.import_module("flask")
        from werkzeug.serving import make_server
    except ImportError:
        print("Flask is not installed: apt-get install python3-flask", file=sys.stderr)
        return EXIT_START

    ws = None
    if config.wsgi in ("auto", "waitress"):
        ws, _ = import_waitress()
        if ws is None and config.wsgi == "waitress":
            print("waitress is not installed: apt-get install python3-waitress "
                  "(or use --wsgi werkzeug)", file=sys.stderr)
            return EXIT_START
        if ws is None:
            print("server.py: waitress is not installed (apt-get install python3-waitress): "
                  "serving with werkzeug's threaded server, about 3x slower", file=sys.stderr)

    app = create_app(config)
    sim = app.simulator
    fd_limit = _raise_fd_limit()
    try:
        sock = _listen(config.host, config.port)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            print(f"port {config.port} is in use: choose another with --port or use --port 0",
                  file=sys.stderr)
        else:
            print(f"cannot listen on {config.host}:{config.port}: {e.strerror or e}",
                  file=sys.stderr)
        return EXIT_START
    shown = f"[{config.host}]" if ":" in config.host else config.host

    if ws is not None:
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)   # "Task queue depth"
        threads = waitress_threads(config.capacity, config.max_queue)
        wsgi_app = _access_logged(app) if config.access_log else app
        try:
            server = _create_waitress(ws, wsgi_app, sim, sock, threads, fd_limit)
        except (OSError, ValueError) as e:
            sock.close()
            print(f"cannot start waitress: {e}", file=sys.stderr)
            return EXIT_START
        sim.wsgi_server, sim.threads = "waitress", threads
        sim.cpu.start_sampler()
        sys.stdout.write(f"READY http://{shown}:{sock.getsockname()[1]}\n")
        sys.stdout.flush()
        try:
            in_loop.set()
            if not stop.is_set():
                server.asyncore.loop(timeout=1.0, map=server._map, use_poll=True)
        except (SystemExit, KeyboardInterrupt):
            pass
        # no waiting for requests in service: the worker threads are daemons
        return EXIT_OK

    try:
        server = make_server(config.host, config.port, app, threaded=True,
                             request_handler=_handler_class(config.access_log),
                             fd=sock.fileno())
    finally:
        sock.close()   # werkzeug holds its own duplicate of the listening socket
    box.append(server)
    sim.wsgi_server, sim.threads = "werkzeug", None
    sim.cpu.start_sampler()
    bound_port = server.socket.getsockname()[1]   # the real port, also for --port 0
    sys.stdout.write(f"READY http://{shown}:{bound_port}\n")
    sys.stdout.flush()
    if stop.is_set():
        threading.Thread(target=server.shutdown, daemon=True).start()
    server.serve_forever(poll_interval=0.1)
    return EXIT_OK


if __name__ == "__main__":
    code = main()
    # Leave at once: requests still in service are abandoned (their threads are daemons)
    # and nothing is left to flush but these two.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
