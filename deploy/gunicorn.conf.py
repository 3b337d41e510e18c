"""gunicorn's settings for Sendias Bathnes: `gunicorn --config deploy/gunicorn.conf.py config.wsgi`.

It listens on loopback only; nginx (deploy/nginx/sendias.conf) is the one in front.
GUNICORN_BIND and GUNICORN_WORKERS, if set in the environment, change the address and the
number of workers.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: two per core and one more is gunicorn's own advice for this kind of app.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# A request that takes longer than this is killed (nginx then answers 502). Every upload and
# export is bounded to finish well inside it (docs/spreadsheets.md).
timeout = 30
graceful_timeout = 30
# Recycle workers now and then, so that memory cannot creep.
max_requests = 2000
max_requests_jitter = 200
# Logs to standard output and error: journald keeps them.
accesslog = "-"
errorlog = "-"
