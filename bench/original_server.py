# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
"""A reconstruction of the Go project's own Flask server, from ../shared/seed/FACTS.md, for the
server benchmark only: a new state per request (so the random walk never walks: latency
max(0, U(-0.1, 0.1) * 0.1) s, error flag with probability 0.02), one line printed per
request, Werkzeug's threaded development server. Usage: original_server.py PORT"""
import random
import sys
import time

from flask import Flask, jsonify

app = Flask(__name__)


class ServerState:
    def __init__(self):
        self.latency = 0.0
        self.error = False

    def step(self):
        self.latency = max(0.0, random.uniform(-0.1, 0.1) * 0.1)
        if random.random() < 0.02:
            self.error = not self.error


@app.route("/data")
def data():
    state = ServerState()
    state.step()
    time.sleep(state.latency)
    print(f"request latency={state.latency:.4f} error={state.error}", flush=True)
    if state.error:
        return jsonify({"error": "Simulated server error"}), 500
    return jsonify({"message": "Hello, World!"})


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)
