#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
"""PatternLab's bundled HTTP simulation server.

A small Flask app that plays the role of the Go original's test server, with
one shared, lock-protected simulation state, seeded and repeatable behaviour,
a bounded capacity with a bounded wait queue, and four latency/error profiles.
See docs/SERVER.md for the full description and how the original differed.

Importing this module has no side effects; `main()` runs the server.
The simulation (class Simulator) does not depend on Flask, and takes an
injectable clock and sleep so tests can drive it without real time passing.
"""

import argparse
import collections
import dataclasses
import errno
import importlib
import json
import math
import random
import signal
import socket
import sys
import threading
import time
import traceback
from typing import Callable, Optional

PROFILES = ("seed", "random-walk", "fixed", "zero")
DEFAULT_PROFILE = "random-walk"
# Per profile: what --latency-ms means and its default (ms), and the default --error-rate.
DEFAULT_LATENCY_MS = {"seed": 10.0, "random-walk": 20.0, "fixed": 20.0, "zero": 0.0}
DEFAULT_ERROR_RATE = {"seed": 0.02, "random-walk": 0.01, "fixed": 0.0, "zero": 0.0}
DEFAULT_CAPACITY = 32      # a 15-worker pool is never queued nor shed
DEFAULT_MAX_QUEUE = 64     # 7,500 simultaneous requests are shed (503)
MAX_SEED = 2 ** 63 - 1

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


@dataclasses.dataclass
class Config:
    profile: str = DEFAULT_PROFILE
    latency_ms: Optional[float] = None   # None: the profile's default
    error_rate: Optional[float] = None   # None: the profile's default
    seed: Optional[int] = None           # None: a random seed, reported in /stats
    capacity: int = DEFAULT_CAPACITY
    max_queue: int = DEFAULT_MAX_QUEUE
    gap_clock: Optional[str] = None      # "wall" | "virtual"; None: virtual iff seed given
    host: str = "127.0.0.1"
    port: int = 0
    access_log: bool = False

    def validate(self) -> None:
        if self.profile not in PROFILES:
            raise ValueError(f"unknown profile {self.profile!r}")
        if self.latency_ms is not None and not (math.isfinite(self.latency_ms) and self.latency_ms >= 0):
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
        self.seed = (config.seed if config.seed is not None
                     else random.SystemRandom().randrange(2 ** 32))
        self.gap_clock = config.gap_clock or ("virtual" if config.seed is not None else "wall")
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._in_service = 0
        self._waiters: collections.deque = collections.deque()
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
        self._walk = self.latency_ms / 1000.0
        self._last_arrival: Optional[float] = None
        self._max_in_service = self._in_service     # live gauges survive a reset
        self._max_queued = len(self._waiters)
        self._reset_at = self._clock()

    def reset(self, seed: Optional[int] = None) -> dict:
        with self._lock:
            if seed is not None:
                if not 0 <= seed <= MAX_SEED:
                    raise ValueError("seed must be between 0 and 2^63-1")
                self.seed = seed
            self._reset_locked()
            return {"status": "reset", "seed": self.seed, "profile": self.profile}

    def stats(self) -> dict:
        with self._lock:
            by_status = {str(code): n for code, n in sorted(self._by_status.items())}
            now = self._clock()
            return {
                "requests": self._k,
                "by_status": by_status,
                "completed": sum(self._by_status.values()),
                "shed": self._by_status.get(503, 0),
                "in_flight": self._in_service,
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
        if self.profile == "zero":
            return 0.0, False
        if self.profile == "seed":
            half = self.latency_ms / 1000.0
            latency = max(0.0, rng.uniform(-half, half))
            return latency, rng.random() < p
        if self.profile == "fixed":
            return self.latency_ms / 1000.0, rng.random() < p
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
                self._max_in_service = max(self._max_in_service, self._in_service)
            elif len(self._waiters) < self.max_queue:
                t.event = threading.Event()
                self._waiters.append(t.event)
                self._max_queued = max(self._max_queued, len(self._waiters))
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
            if t.gen == self._gen:
                self._by_status[status] = self._by_status.get(status, 0) + 1

    def handle(self):
        """Serve one GET /data: returns (status, body dict)."""
        t = self.admit()
        if t.shed:
            return 503, {"error": "Server overloaded", "request_id": t.k,
                         "capacity": self.capacity, "max_queue": self.max_queue}
        if t.event is not None:
            t.event.wait()
        waited = self._clock() - t.arrived
        status = 500
        try:
            if t.latency > 0.0:
                self._sleep(t.latency)
            status = 500 if t.fail else 200
        finally:
            self._release(t, status)
        latency_ms = round(t.latency * 1000.0, 3)
        wait_ms = round(max(0.0, waited) * 1000.0, 3)
        if t.fail:
            return 500, {"error": "Simulated server error", "request_id": t.k,
                         "latency_ms": latency_ms, "wait_ms": wait_ms}
        return 200, {"message": "Hello, World!", "request_id": t.k,
                     "latency_ms": latency_ms, "wait_ms": wait_ms}


# ---------------------------------------------------------------------------------------
# Flask app
# ---------------------------------------------------------------------------------------
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

    def no_args():
        if request.args:
            names = ", ".join(sorted(request.args.keys()))
            return reply(400, {"error": "Bad query string",
                               "detail": f"unexpected query parameter(s): {names}"})
        return None

    @app.route("/data", methods=["GET"])
    def data():
        bad = no_args()
        if bad is not None:
            return bad
        status, body = sim.handle()
        return reply(status, body)

    @app.route("/health", methods=["GET"])
    def health():
        return no_args() or reply(200, {"status": "ok"})

    @app.route("/stats", methods=["GET"])
    def stats():
        return no_args() or reply(200, sim.stats())

    @app.route("/reset", methods=["POST"])
    def reset():
        extra = sorted(set(request.args.keys()) - {"seed"})
        if extra:
            return reply(400, {"error": "Bad query string",
                               "detail": f"unexpected query parameter(s): {', '.join(extra)}"})
        seed = None
        if "seed" in request.args:
            raw = request.args.get("seed", "")
            if not raw.isdigit() or int(raw) > MAX_SEED:
                return reply(400, {"error": "Bad query string",
                                   "detail": f"seed must be an integer 0..2^63-1, got {raw!r}"})
            seed = int(raw)
        return reply(200, sim.reset(seed))

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

    # The hot path: a plain GET /data skips Flask's request context and routing (about a
    # tenth of a request's cost here), so the server's bookkeeping stays cheaper than the
    # original's. Anything else (query strings, other methods, other paths) goes to Flask.
    flask_wsgi = app.wsgi_app
    status_lines = {200: "200 OK", 500: "500 INTERNAL SERVER ERROR", 503: "503 SERVICE UNAVAILABLE"}

    def data_fast_path(environ, start_response):
        if (environ.get("PATH_INFO") != "/data" or environ.get("REQUEST_METHOD") != "GET"
                or environ.get("QUERY_STRING")):
            return flask_wsgi(environ, start_response)
        try:
            status, body = sim.handle()
        except Exception as e:  # the same JSON 500 as the Flask handler, never a traceback page
            traceback.print_exception(type(e), e, e.__traceback__, file=sys.stderr)
            status, body = 500, {"error": "Internal server error", "detail": type(e).__name__}
        payload = dumps(body).encode()
        start_response(status_lines[status], [("Content-Type", "application/json"),
                                              ("Content-Length", str(len(payload)))])
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
  GET  /health  200 {"status": "ok"}
  GET  /stats   counters: requests, by_status, in_flight, max_in_flight, queued, max_queued,
                profile, seed, gap_clock, latency_ms, error_rate, capacity, max_queue, ...
  POST /reset   counters to zero, random source reseeded with the same seed (or ?seed=S)

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

determinism: with --seed S the k-th /data request after start or /reset gets the same
  latency and outcome in every run: the random-walk gap factor then uses a virtual clock
  (factor fixed at 0.1, as under continuous traffic) instead of wall-clock gaps.
  Without --seed a random seed is drawn and shown in /stats, and the gap factor uses
  real gaps between requests (it differs from 0.1 only after a gap of 0.5 s or more).
  Load-dependent effects (queue wait, 503s, random-walk error bursts past K/2) depend
  on timing by nature.

capacity: at most K requests in service; up to Q more wait (FIFO, their wait is part of
  what the client sees); past that /data answers 503 at once. The listen backlog is
  werkzeug's 128 (capped by net.core.somaxconn): 7,500 simultaneous connects overflow it,
  as they did against the original.

exit codes: 0 stopped by SIGTERM/SIGINT; 2 bad arguments; 4 could not start (port in
  use, cannot bind, Flask missing).
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


def _latency(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"latency must be a number of milliseconds, got {text!r}")
    if not math.isfinite(v) or v < 0:
        raise argparse.ArgumentTypeError(f"latency must be >= 0 ms, got {text}")
    return v


def _rate(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"error rate must be a probability 0..1, got {text!r}")
    if not 0.0 <= v <= 1.0:
        raise argparse.ArgumentTypeError(f"error rate must be between 0 and 1, got {text}")
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
                description="PatternLab's bundled HTTP simulation server (Flask, werkzeug "
                            "threaded). Prints one line 'READY http://HOST:PORT' on stdout "
                            "once it accepts connections.",
                epilog=HELP_EPILOG)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1; the original bound 0.0.0.0)")
    p.add_argument("--port", type=_port, default=0,
                   help="TCP port, 0..65535; 0 (default) picks a free port, shown in READY")
    p.add_argument("--profile", choices=PROFILES, default=DEFAULT_PROFILE,
                   help="latency/error model (default random-walk); see below")
    p.add_argument("--latency-ms", type=_latency, default=None, metavar="X",
                   help="ms, >= 0: seed: max of the uniform [10]; random-walk: centre [20]; "
                        "fixed: the latency [20]; zero: ignored")
    p.add_argument("--error-rate", type=_rate, default=None, metavar="P",
                   help="probability 0..1 of a simulated 500: seed [0.02], random-walk "
                        "baseline [0.01], fixed [0]; zero: ignored")
    p.add_argument("--seed", type=_seed, default=None, metavar="S",
                   help="integer 0..2^63-1; makes every run repeat the same sequence "
                        "(default: a random seed, reported in /stats)")
    p.add_argument("--capacity", type=_int_at_least(1, "capacity"), default=DEFAULT_CAPACITY,
                   metavar="K", help=f"max requests in service at once, >= 1 (default "
                                     f"{DEFAULT_CAPACITY})")
    p.add_argument("--max-queue", type=_int_at_least(0, "max-queue"), default=DEFAULT_MAX_QUEUE,
                   metavar="Q", help=f"max requests waiting for a slot, >= 0; beyond: 503 "
                                     f"(default {DEFAULT_MAX_QUEUE})")
    p.add_argument("--access-log", action="store_true",
                   help="one line per request on stderr (default: none)")
    return p


def parse_args(argv=None) -> Config:
    a = build_parser().parse_args(argv)
    return Config(profile=a.profile, latency_ms=a.latency_ms, error_rate=a.error_rate,
                  seed=a.seed, capacity=a.capacity, max_queue=a.max_queue, host=a.host,
                  port=a.port, access_log=a.access_log)


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
    bind prints two and exits 1). Backlog: werkzeug's LISTEN_QUEUE (128)."""
    import werkzeug.serving as ws
    # the same rule as werkzeug's select_address_family, which make_server applies to fd
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(socket.getaddrinfo(host, port, family, socket.SOCK_STREAM,
                                     socket.IPPROTO_TCP)[0][4])
        sock.listen(getattr(ws, "LISTEN_QUEUE", 128))
    except BaseException:
        sock.close()
        raise
    return sock


def main(argv=None) -> int:
    config = parse_args(argv)
    stop = threading.Event()
    box = []

    def on_signal(signum, frame):
        stop.set()
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

    app = create_app(config)
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
    try:
        server = make_server(config.host, config.port, app, threaded=True,
                             request_handler=_handler_class(config.access_log),
                             fd=sock.fileno())
    finally:
        sock.close()   # werkzeug holds its own duplicate of the listening socket
    box.append(server)
    shown = f"[{config.host}]" if ":" in config.host else config.host
    bound_port = server.socket.getsockname()[1]   # the real port, also for --port 0
    sys.stdout.write(f"READY http://{shown}:{bound_port}\n")
    sys.stdout.flush()
    if stop.is_set():
        threading.Thread(target=server.shutdown, daemon=True).start()
    server.serve_forever(poll_interval=0.1)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
