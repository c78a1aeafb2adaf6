# Wave at Saturn: a stateless API. Everything it needs is installed into the image; it makes no
# network calls at run time.
FROM python:3.11-slim

# Links: set PUBLIC_URL (https://wave.example.org) where the image is deployed; without it links
# come from the request's Host, answered only for ALLOWED_HOSTS (localhost and 127.0.0.1 by
# default). Behind a TLS proxy, FORWARDED_ALLOW_IPS names the proxy (default 127.0.0.1).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    WORKERS=2 \
    LOG_LEVEL=info \
    SHUTDOWN_TIMEOUT_S=20 \
    HEADER_TIMEOUT_S=10 \
    MAX_CONNECTIONS=1000 \
    FORWARDED_ALLOW_IPS=127.0.0.1 \
    CACHE_DIR=/app/cache

WORKDIR /app
# The share image's fonts (Noto Sans CJK: Latin and Japanese), read by the server from
# /usr/share/fonts/opentype/noto; the serif faces are not used.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk \
    && rm -f /usr/share/fonts/opentype/noto/NotoSerifCJK-* && rm -rf /var/lib/apt/lists/*
# Dependencies first, each pinned by version and hash (`make lock` writes the file); this layer
# is rebuilt only when the lock changes.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY service ./service
COPY corpus ./corpus
# The project goes in without dependencies: the lock has installed them all. The gazetteer's
# derived cache is built here, once, so replicas start in about a second (the events' astronomy is
# committed data in the package: no astropy at start).
RUN pip install --no-deps . && python -m service.warm_caches && chmod -R a+rX /app/cache \
    && useradd --create-home --uid 10001 app
USER app

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=2)"
# The production launcher (service/serve.py; a test keeps the two in step): it validates the
# settings before any worker starts, runs uvicorn (uvloop, httptools, our JSON access log) behind
# our edge (request-head deadline, connection limit, fast probes), drains on SIGTERM and exits 0,
# or non-zero when start-up fails. Exec form: the launcher is PID 1 and gets the signals itself.
CMD ["python", "-m", "service.serve"]
