#!/usr/bin/env bash
# npm run test:docker: builds the real Dockerfile, checks the image (non-root, HEALTHCHECK), starts it,
# checks health, one Devino send and the image's own health check, and stops it.
#
# With a docker CLI that works (`docker info` succeeds: Docker, or podman's docker CLI) it uses
# `docker`. Otherwise it falls back to scripts/container-fallback.sh (podman build + buildah run,
# no engine or registry needed; root). CONTAINER_ENGINE=docker|fallback forces one; CONTAINER_FALLBACK
# names another fallback script (the tests use a stand-in).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${DOCKER_TEST_PORT:-4090}"
tag="provider-sim:test"
fallback="bash ${CONTAINER_FALLBACK:-scripts/container-fallback.sh}"

engine="${CONTAINER_ENGINE:-}"
if [ -z "$engine" ]; then
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then engine=docker; else engine=fallback; fi
fi
say() { echo "test:docker: $*"; }
failed() { echo "test:docker: FAILED: $*" >&2; exit 1; }

if [ "$engine" = docker ]; then
  say "engine: $(docker --version)"
  say "building $tag"
  docker build -t "$tag" .
  inspect() { docker image inspect --format "$1" "$tag"; }
  ctr=$(docker run -d --rm -p "127.0.0.1:$port:4010" "$tag")
  trap 'docker rm -f "$ctr" >/dev/null 2>&1 || true' EXIT
  logs() { docker logs "$ctr" 2>&1 | tail -30; }
  healthcheck() { docker exec "$ctr" sh -c "$1"; }
else
  say "engine: no working docker CLI (docker info fails or docker is missing): scripts/container-fallback.sh"
  say "building $tag"
  $fallback build . "$tag"
  inspect() { $fallback inspect "$tag" "$1"; }
  pid=$($fallback run "$tag" "$port")
  trap '$fallback stop "$pid" >/dev/null 2>&1 || true' EXIT
  logs() { tail -30 "${CONTAINER_STATE_DIR:-/tmp/provider-sim-container}/run-$port.log"; }
  healthcheck() { PORT=$port $fallback exec "$pid" sh -c "$1"; }
fi

user=$(inspect '{{.Config.User}}')
[ -n "$user" ] && [ "$user" != root ] && [ "$user" != 0 ] || failed "the image runs as '${user:-root}', not as a non-root user"
say "runs as user $user"
check=$(inspect '{{if .Config.Healthcheck}}{{join .Config.Healthcheck.Test " "}}{{end}}')
[ -n "$check" ] || failed "the image has no HEALTHCHECK"
say "HEALTHCHECK ${check:0:60}…"

base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do
  if curl -sf "$base/_sim/health" >/dev/null; then break; fi
  sleep 1
done
health=$(curl -sf "$base/_sim/health") || { echo "test:docker: no health answer; log:" >&2; logs >&2; exit 1; }
say "health $health"
echo "$health" | grep -q '"status":"ok"' || failed "health says $health"

sid=$(curl -sf "$base/devino/rest/User/SessionId?login=user&password=userpasswd" | tr -d '"')
[ ${#sid} -eq 36 ] || failed "bad session id '$sid'"
ids=$(curl -sf -X POST "$base/devino/rest/Sms/Send" -d "SessionID=$sid&DestinationAddress=79161002030&SourceAddress=DEVINO&Data=docker")
say "Sms/Send answered $ids"
echo "$ids" | grep -Eq '^\["GW02[0-9A-F]{8}"\]$' || failed "Sms/Send answered $ids"

# The image's own HEALTHCHECK command, run inside the container (CMD-SHELL form: its text after the first word).
healthcheck "${check#* }" || failed "the HEALTHCHECK command fails in the running container"
say "the HEALTHCHECK command passes inside the container"
say "4 passed, 0 failed"
