#!/usr/bin/env bash
# npm run test:docker: builds the real Dockerfile, starts the image, checks health and one Devino
# send, and stops it. No Docker engine here: ../shared/tools/container.sh builds with podman and
# runs with buildah (host networking).
set -euo pipefail
cd "$(dirname "$0")/.."
tool="$(pwd)/../shared/tools/container.sh"
[ -x "$tool" ] || [ -f "$tool" ] || { echo "test:docker: $tool not found" >&2; exit 1; }
port="${DOCKER_TEST_PORT:-4090}"
tag="provider-sim:test"

echo "test:docker: building $tag"
bash "$tool" build . "$tag"
pid=$(bash "$tool" run "$tag" "$port")
trap 'bash "$tool" stop "$pid" >/dev/null 2>&1 || true' EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do
  if curl -sf "$base/_sim/health" >/dev/null; then break; fi
  sleep 1
done
health=$(curl -sf "$base/_sim/health") || { echo "test:docker: no health answer; log:" >&2; cat "/tmp/container-run-$port.log" >&2; exit 1; }
echo "test:docker: health $health"
echo "$health" | grep -q '"status":"ok"'

sid=$(curl -sf "$base/devino/rest/User/SessionId?login=user&password=userpasswd" | tr -d '"')
[ ${#sid} -eq 36 ] || { echo "test:docker: bad session id '$sid'" >&2; exit 1; }
ids=$(curl -sf -X POST "$base/devino/rest/Sms/Send" -d "SessionID=$sid&DestinationAddress=79161002030&SourceAddress=DEVINO&Data=docker")
echo "test:docker: Sms/Send answered $ids"
echo "$ids" | grep -Eq '^\["GW02[0-9A-F]{8}"\]$'
echo "test:docker: 2 passed, 0 failed"
