#!/usr/bin/env bash
# Build and run the project's Dockerfile where no docker CLI works (no engine, no registry): the
# fallback of scripts/test-docker.sh. Needs root; installs podman, buildah and debootstrap with apt.
#
#   container-fallback.sh build DIR TAG          build DIR/Dockerfile as TAG (podman, chroot isolation, docker format)
#   container-fallback.sh run TAG PORT [ENV=V]   run TAG's command with host networking in the background; prints the PID
#   container-fallback.sh exec PID CMD…          run CMD inside the container `run` started (host network; $PORT passed on)
#   container-fallback.sh inspect TAG FORMAT     podman image inspect --format FORMAT TAG
#   container-fallback.sh stop PID               stop what `run` started
#
# No registry may be reachable, so every node:* base image the Dockerfile names is replaced by a local
# one: a minimal Debian (debootstrap, from Debian's packages) with this machine's Node.js, npm and CA
# bundle (the npm registry may be reached through a proxy with its own CA). The image is otherwise
# built from the Dockerfile as written, HEALTHCHECK and USER included.
set -euo pipefail
S=(--storage-driver vfs --cgroup-manager cgroupfs)
B=(--storage-driver vfs)
STATE=${CONTAINER_STATE_DIR:-/tmp/provider-sim-container}
mkdir -p "$STATE"
need() {
  command -v podman >/dev/null && command -v buildah >/dev/null && command -v debootstrap >/dev/null && return 0
  [ "$(id -u)" -eq 0 ] || { echo "container-fallback: podman, buildah and debootstrap are needed (apt-get install podman buildah debootstrap, as root)" >&2; exit 1; }
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah debootstrap) >"$STATE/apt.log" 2>&1 ||
    { echo "container-fallback: apt install of podman/buildah/debootstrap failed, see $STATE/apt.log" >&2; exit 1; }
}
base() { # $1: an image name the Dockerfile uses; node:* ones are provided locally
  local name=$1; [[ $name == */* ]] || name="docker.io/library/$name"
  [[ $name == docker.io/library/node:* || $name == docker.io/node:* ]] || return 0
  podman "${S[@]}" image exists "$name" && return 0
  local R=$STATE/rootfs
  if [ ! -x "$R/usr/bin/node" ]; then
    rm -rf "$R"
    debootstrap --variant=minbase bookworm "$R" http://deb.debian.org/debian >"$STATE/debootstrap.log" 2>&1 ||
      { echo "container-fallback: debootstrap failed, see $STATE/debootstrap.log" >&2; exit 1; }
    cp "$(readlink -f "$(command -v node)")" "$R/usr/bin/node"
    mkdir -p "$R/usr/lib/node_modules" "$R/etc/ssl/certs"
    cp -a "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$R/usr/lib/node_modules/npm"
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$R/usr/bin/npm"
    ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$R/usr/bin/npx"
    cp -L /etc/ssl/certs/ca-certificates.crt "$R/etc/ssl/certs/ca-certificates.crt"
    chroot "$R" node -e 0 || { echo "container-fallback: node does not run in the base rootfs" >&2; exit 1; }
  fi
  echo "container-fallback: $name is a local Debian bookworm with this machine's Node.js $(node --version) (no registry here)" >&2
  tar -C "$R" -c . | podman "${S[@]}" import --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' - "$name" >/dev/null
}
case "${1:-}" in
  build)
    DIR=$2 TAG=$3; need
    for img in $(awk 'toupper($1)=="FROM"{for(i=2;i<=NF;i++) if($i !~ /^--/){print $i; break}}' "$DIR/Dockerfile" | sort -u); do
      grep -qiE "^FROM .* AS $img\$" "$DIR/Dockerfile" || base "$img"
    done
    # --layers=false: with the vfs driver every cached layer is a full copy of the tree; one working
    # container per stage writes far less.
    podman "${S[@]}" build --isolation chroot --pull=never --layers=false --format docker -t "$TAG" "$DIR"
    # The image this tag named before is left untagged: drop it, or every run keeps a full copy.
    podman "${S[@]}" image prune -f >/dev/null 2>&1 || true ;;
  run)
    TAG=$2 PORT=$3; shift 3; envs=(--env "PORT=$PORT"); for e in "$@"; do envs+=(--env "$e"); done
    mapfile -t cmd < <(podman "${S[@]}" image inspect --format '{{range .Config.Entrypoint}}{{println .}}{{end}}{{range .Config.Cmd}}{{println .}}{{end}}' "$TAG" | sed '/^$/d')
    [ ${#cmd[@]} -gt 0 ] || { echo "container-fallback: image $TAG has no ENTRYPOINT or CMD" >&2; exit 1; }
    user=$(podman "${S[@]}" image inspect --format '{{.Config.User}}' "$TAG")
    ctr=$(buildah "${B[@]}" from --pull-never "$TAG")
    setsid buildah "${B[@]}" run --isolation chroot --network host ${user:+--user "$user"} "${envs[@]}" "$ctr" -- "${cmd[@]}" >"$STATE/run-$PORT.log" 2>&1 &
    echo "$ctr" >"$STATE/$!.ctr"; echo $! ;;
  exec)
    PID=$2; shift 2
    user=$(buildah "${B[@]}" inspect --format '{{.OCIv1.Config.User}}' "$(cat "$STATE/$PID.ctr")")
    buildah "${B[@]}" run --isolation chroot --network host ${user:+--user "$user"} ${PORT:+--env "PORT=$PORT"} "$(cat "$STATE/$PID.ctr")" -- "$@" ;;
  inspect)
    podman "${S[@]}" image inspect --format "$3" "$2" ;;
  stop)
    kill -TERM -- "-$2" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$2" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$2" 2>/dev/null || true
    if [ -f "$STATE/$2.ctr" ]; then buildah "${B[@]}" rm "$(cat "$STATE/$2.ctr")" >/dev/null 2>&1 || true; rm -f "$STATE/$2.ctr"; fi ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac
