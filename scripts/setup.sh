#!/usr/bin/env bash
# Idempotent set-up of a Debian 12 machine for VirtNetPerf: system packages (netperf from
# non-free, see shared testbed notes), and a Docker engine when none answers.
# Safe to run again: it only installs what is missing and only starts dockerd when no engine answers.
set -euo pipefail

packages=(netperf memcached qemu-system-x86 docker.io iptables iproute2 ethtool
          busybox-static cpio kmod procps openssh-server openssh-client
          chromium   # chromium: the test that opens report.html in a real headless browser
          runsc jq   # runsc: the gVisor techniques; jq: adds their runtimes to dockerd's configuration
          podman slirp4netns passt uidmap acl)  # LinuxPasst and the rootless techniques (acl: their users' /dev/net/tun entry)

log() { printf '[setup] %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "needs root (apt-get, dockerd, network namespaces); run it with sudo"
  exit 1
fi

# netperf lives in Debian's non-free component; add it for the same archive as the main one.
add_non_free() {
  local main=/etc/apt/sources.list.d/debian.sources
  local extra=/etc/apt/sources.list.d/virtnetperf-non-free.sources
  [ -f "$extra" ] && return 1
  [ -f "$main" ] || { log "no $main: add a 'non-free' apt source for netperf by hand"; return 1; }
  # First stanza of the main sources file: its URIs, Suites and Signed-By, with non-free.
  awk 'BEGIN{RS=""; FS="\n"} NR==1 {
         for (i = 1; i <= NF; i++) if ($i ~ /^(Types|URIs|Suites|Signed-By):/) print $i
         print "Components: non-free"; exit }' "$main" > "$extra"
  log "added $extra"
  return 0
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  add_non_free || true
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Packages with a daemon (openssh-server's ssh service, docker.io's) start it on install unless policy-rc.d says
  # no (exit 101, "action forbidden"; Debian's invoke-rc.d policy interface). The tests start their own sshd in a
  # network namespace; the host keeps nothing running. Only a policy-rc.d this script created is removed again.
  policy=/usr/sbin/policy-rc.d
  own_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# VirtNetPerf setup: no service starts while it installs packages.\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    own_policy=1
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ -n "$own_policy" ]; then rm -f "$policy"; trap - EXIT; fi
else
  log "system packages present"
fi

# The guest kernel for the QEMU techniques: Debian's cloud kernel, unpacked (not installed) with its modules.
guest_kernel=/var/cache/virtnetperf/guest-kernel
if ! ls "$guest_kernel"/boot/vmlinuz-* >/dev/null 2>&1; then
  package=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-/ {print $2; exit}')
  if [ -z "$package" ]; then
    apt-get update -qq
    package=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')
  fi
  log "unpacking guest kernel $package into $guest_kernel"
  staging=$(mktemp -d)
  (cd "$staging" && apt-get download -qq "$package" 2>/dev/null && dpkg -x ./*.deb unpacked)
  mkdir -p "$(dirname "$guest_kernel")"
  rm -rf "$guest_kernel" && mv "$staging/unpacked" "$guest_kernel" && rm -rf "$staging"
else
  log "guest kernel present: $(basename "$guest_kernel"/boot/vmlinuz-*)"
fi

# gVisor's runtimes for the GVisor techniques, added to dockerd's configuration beside whatever it holds (ptrace: this
# host's KVM cannot run runsc's kvm platform). A running dockerd rereads its runtimes on SIGHUP.
daemon_json=/etc/docker/daemon.json
runtimes='{"virtnetperf-runsc": {"path": "/usr/bin/runsc", "runtimeArgs": ["--platform=ptrace"]},
           "virtnetperf-runsc-hostnet": {"path": "/usr/bin/runsc", "runtimeArgs": ["--platform=ptrace", "--network=host"]}}'
current=$( [ -f "$daemon_json" ] && cat "$daemon_json" || echo '{}')
wanted=$(jq --argjson r "$runtimes" '.runtimes = ((.runtimes // {}) + $r)' <<<"$current")
if [ "$(jq -S . <<<"$current")" != "$(jq -S . <<<"$wanted")" ]; then
  mkdir -p "$(dirname "$daemon_json")"
  [ -f "$daemon_json" ] && cp "$daemon_json" "$daemon_json.before-virtnetperf"
  printf '%s\n' "$wanted" > "$daemon_json.tmp" && mv "$daemon_json.tmp" "$daemon_json"
  log "added the gVisor runtimes to $daemon_json"
  if [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    kill -HUP "$(cat /var/run/docker.pid)" && log "dockerd rereads its configuration (SIGHUP)"
  fi
fi

# A Docker engine for the container techniques: keep one that answers, else start dockerd.
engine_answers() { docker info >/dev/null 2>&1; }
wait_for() { for _ in $(seq 1 "$1"); do "$2" && return 0; sleep 1; done; return 1; }
dockerd_running() { [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; }
dockerd_gone() { ! dockerd_running; }

if engine_answers; then
  log "docker engine answers"
else
  # A dockerd that is starting or stopping holds /var/run/docker.pid; a second one would refuse to start.
  if dockerd_running; then
    log "a dockerd is starting or stopping; waiting for it"
    wait_for 60 engine_answers || wait_for 30 dockerd_gone || true
  fi
  if ! engine_answers; then
    log "starting dockerd (vfs storage) in the background; log: /var/log/virtnetperf-dockerd.log"
    setsid dockerd --storage-driver=vfs >>/var/log/virtnetperf-dockerd.log 2>&1 < /dev/null &
    wait_for 60 engine_answers \
      || log "dockerd did not answer within 60 s; Docker rows will skip (see /var/log/virtnetperf-dockerd.log)"
  fi
  engine_answers && log "docker engine answers"
fi
