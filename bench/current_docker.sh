#!/usr/bin/env bash
# current_docker.sh: a second, current Docker engine beside the system's, to check the caps on it.
#
#   bench/current_docker.sh start    # download (once), unpack, start containerd + dockerd, load images
#   eval "$(bench/current_docker.sh env)"   # PATH and DOCKER_HOST for the current engine
#   bench/current_docker.sh stop     # stop both daemons (the data stays for the next start)
#
# Not run by CI. Needs root, deb.debian.org, and a first engine with the base images
# (python:3.11, python:3.11-slim, busybox) to copy them from: nothing is pulled from a registry.
#
# It downloads Debian forky's docker.io, containerd, runc and docker-buildx .debs (checked
# against the SHA256 of the Packages index), unpacks them with `dpkg-deb -x` under
# /opt/docker-current (nothing is installed, the system's engine is left alone) and starts them
# with their own sockets, state, data-root, exec-root, pidfiles and cgroup parent (/docker28).
# The second daemon gets a bridge of its own (layerlab1, 172.31.255.1/24) and no iptables or
# masquerading: a second daemon with --bridge=none deletes docker0, and two daemons editing the
# same iptables chains break each other's rules. Build steps on it have no way out (no NAT);
# the caps tests need none.
set -euo pipefail

PREFIX=${PREFIX:-/opt/docker-current}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=${SUITE:-forky}
PACKAGES=(docker.io docker-cli containerd runc docker-buildx)
STATE=${STATE:-/var/lib/docker-current}   # containerd root and dockerd data-root below
RUN_DIR=/run/docker-current
SOCKET=$RUN_DIR/docker.sock
CONTAINERD_SOCKET=$RUN_DIR/containerd/containerd.sock
BRIDGE=layerlab1
BRIDGE_CIDR=172.31.255.1/24
CGROUP_PARENT=/docker28
LOG_DIR=${LOG_DIR:-/tmp/docker-current}
IMAGES=(busybox:latest python:3.11-slim python:3.11)

bin_path() { echo "$PREFIX/runtime:$PREFIX/usr/bin:$PREFIX/usr/sbin"; }

fetch() {
    if ! [[ -x $PREFIX/usr/bin/docker ]]; then
        local work package
        work=$(mktemp -d)
        mkdir -p "$PREFIX"
        for package in "${PACKAGES[@]}"; do
            deb_of "$package" "$work" "$PREFIX"
        done
        rm -rf "$work"
    fi
    runtime
    mkdir -p "$PREFIX/config/cli-plugins"  # this CLI finds this buildx, not the system's
    ln -sf "$PREFIX/usr/libexec/docker/cli-plugins/docker-buildx" "$PREFIX/config/cli-plugins/"
}

runtime() {
    # forky's runc 1.3.6 needs GLIBC_2.38 (bookworm has 2.36) and will not start as shipped.
    # A copy of it runs with forky's own libc6 (unpacked beside it, never installed): patchelf
    # points its interpreter and library path there, so `runc init`, which re-executes the
    # binary itself, loads the same libc.
    [[ -x $PREFIX/runtime/runc ]] && return
    mkdir -p "$PREFIX/runtime" "$PREFIX/glibc"
    if "$PREFIX/usr/sbin/runc" --version >/dev/null 2>&1; then
        ln -sf "$PREFIX/usr/sbin/runc" "$PREFIX/runtime/runc"
        return
    fi
    command -v patchelf >/dev/null || apt-get install -y -q patchelf >/dev/null
    deb_of libc6 "$(mktemp -d)" "$PREFIX/glibc"
    local lib=$PREFIX/glibc/usr/lib/x86_64-linux-gnu
    cp /lib/x86_64-linux-gnu/libseccomp.so.2 "$lib/"
    cp "$PREFIX/usr/sbin/runc" "$PREFIX/runtime/runc"
    patchelf --set-interpreter "$lib/ld-linux-x86-64.so.2" --set-rpath "$lib" "$PREFIX/runtime/runc"
}

deb_of() {  # deb_of PACKAGE WORKDIR DESTINATION: download, check and unpack one .deb
    local index=$2/Packages stanza file sum
    [[ -s $index ]] || curl -fsS "$MIRROR/dists/$SUITE/main/binary-amd64/Packages.xz" | xz -d >"$index"
    stanza=$(awk -v p="$1" 'BEGIN { RS = "" } $0 ~ "(^|\n)Package: " p "\n" { print; exit }' "$index")
    file=$(sed -n 's/^Filename: //p' <<<"$stanza")
    sum=$(sed -n 's/^SHA256: //p' <<<"$stanza")
    echo "$1 $(sed -n 's/^Version: //p' <<<"$stanza")"
    curl -fsS -o "$2/pkg.deb" "$MIRROR/$file"
    echo "$sum  $2/pkg.deb" | sha256sum -c --quiet
    dpkg-deb -x "$2/pkg.deb" "$3"
}

containerd_config() {
    mkdir -p "$RUN_DIR/containerd" "$STATE/containerd"
    cat >"$RUN_DIR/containerd.toml" <<EOF
version = 3
root = "$STATE/containerd"
state = "$RUN_DIR/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.cri.v1.runtime", "io.containerd.cri.v1.images"]
[grpc]
  address = "$CONTAINERD_SOCKET"
[ttrpc]
  address = "$CONTAINERD_SOCKET.ttrpc"
[debug]
  address = "$RUN_DIR/containerd/debug.sock"
EOF
}

bridge() {
    ip link show "$BRIDGE" >/dev/null 2>&1 && return
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
    ip link set "$BRIDGE" up
}

wait_for() {  # wait_for SECONDS COMMAND...
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

start() {
    fetch
    mkdir -p "$LOG_DIR" "$RUN_DIR" "$STATE/docker"
    export PATH="$(bin_path):$PATH" DOCKER_CONFIG=$PREFIX/config
    if ! [[ -S $CONTAINERD_SOCKET ]] || ! ctr --address "$CONTAINERD_SOCKET" version >/dev/null 2>&1; then
        containerd_config
        setsid containerd --config "$RUN_DIR/containerd.toml" >"$LOG_DIR/containerd.log" 2>&1 &
        echo $! >"$RUN_DIR/containerd.pid"
        wait_for 30 ctr --address "$CONTAINERD_SOCKET" version
    fi
    if ! DOCKER_HOST=unix://$SOCKET docker info >/dev/null 2>&1; then
        bridge
        setsid dockerd \
            --host "unix://$SOCKET" --containerd "$CONTAINERD_SOCKET" \
            --data-root "$STATE/docker" --exec-root "$RUN_DIR/exec" \
            --pidfile "$RUN_DIR/dockerd.pid" --cgroup-parent "$CGROUP_PARENT" \
            --bridge "$BRIDGE" --iptables=false --ip6tables=false --ip-masq=false \
            --userland-proxy=false --storage-driver overlay2 \
            >"$LOG_DIR/dockerd.log" 2>&1 &
        wait_for 60 env DOCKER_HOST="unix://$SOCKET" docker info
    fi
    for image in "${IMAGES[@]}"; do  # from the system's engine, by its own client
        if ! DOCKER_HOST=unix://$SOCKET docker image inspect "$image" >/dev/null 2>&1; then
            /usr/bin/docker save "$image" | DOCKER_HOST=unix://$SOCKET docker load -q
        fi
    done
    DOCKER_HOST=unix://$SOCKET docker version --format 'engine {{.Server.Version}} (API {{.Server.APIVersion}}), client {{.Client.Version}}'
    DOCKER_HOST=unix://$SOCKET docker buildx version
    containerd --version
    runc --version | head -1
}

stop() {
    local pidfile
    for pidfile in "$RUN_DIR/dockerd.pid" "$RUN_DIR/containerd.pid"; do
        [[ -f $pidfile ]] || continue
        local pid
        pid=$(cat "$pidfile")
        kill "$pid" 2>/dev/null || true
        wait_for 30 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
        rm -f "$pidfile"
    done
    ip link del "$BRIDGE" 2>/dev/null || true
    find /sys/fs/cgroup/*/"${CGROUP_PARENT#/}" -depth -type d -exec rmdir {} + 2>/dev/null || true
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    fetch) fetch ;;
    env) echo "export PATH=\"$(bin_path):\$PATH\" DOCKER_HOST=unix://$SOCKET DOCKER_CONFIG=$PREFIX/config" ;;
    *) echo "usage: $0 start|stop|fetch|env" >&2; exit 2 ;;
esac
