"""The app as the benchmarks serve it under gunicorn, with a bare route to compare against."""

import os

from app import create_app
from config import Config


class BenchConfig(Config):
    """Production settings on the benchmark's own database, rate limits in memory."""

    SQLALCHEMY_DATABASE_URI = os.environ["BENCH_DATABASE_URL"]
    SECRET_KEY = os.environ["BENCH_SECRET_KEY"]
    #: The limits are still checked on every lookup, but the load must not hit them.
    LOOKUP_LIMIT_PER_USER = LOOKUP_LIMIT_PER_ADDRESS = "1000000 per minute"


def create_bench_app():
    """`gunicorn 'bench.server:create_bench_app()'`: the real app plus GET /bare."""
    app = create_app(BenchConfig)
    app.add_url_rule("/bare", "bare", lambda: "ok")
    return app
