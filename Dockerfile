# referral-bot: one image, four processes (migrate, web, worker, smtp); see compose.yaml and README.md.
# BASE_IMAGE: Docker Hub's python:3.11-slim by default; scripts/build_image.sh passes a Debian bookworm base made
# locally where Docker Hub is out of reach.
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY store ./store
COPY inbound ./inbound
COPY outbound ./outbound
COPY referral_bot ./referral_bot
COPY benchmarks ./benchmarks
RUN pip install . \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin referral-bot

USER referral-bot
# Inside a container the listeners face the container's network, not loopback.
ENV HOST=0.0.0.0 \
    PORT=8080 \
    SMTP_HOST=0.0.0.0 \
    SMTP_PORT=2525
EXPOSE 8080 2525
# SIGTERM (what `docker stop` sends) stops every process gracefully within SHUTDOWN_SECONDS.
STOPSIGNAL SIGTERM
ENTRYPOINT ["referral-bot"]
CMD ["web"]
