#!/usr/bin/env bash
# Makes sure the services the test suite talks to are up; safe to run any number of times.
#
#   PostgreSQL  127.0.0.1:5432   the local cluster, started with pg_ctlcluster when down
#   MongoDB     127.0.0.1:27017  SecantusDB (a MongoDB wire-protocol server) from a private venv
#
# Quiet on success. Env: SECANTUS_VENV (venv location), TEST_SERVICES_STATE (logs, config),
# TEST_SERVICES_TIMEOUT (seconds to wait for each service, default 60), TEST_SERVICES_MONGO_PORT
# (default 27017; point TEST_MONGO_URL at it too).
set -euo pipefail

readonly SECANTUS_PIN='secantusdb==0.7.0b3'
readonly PG_HOST=127.0.0.1 PG_PORT=5432
readonly MONGO_HOST=127.0.0.1 MONGO_PORT="${TEST_SERVICES_MONGO_PORT:-27017}"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/langflow-persistence"
venv="${SECANTUS_VENV:-$cache_root/secantus-venv}"
state="${TEST_SERVICES_STATE:-$cache_root/services}"
timeout_s="${TEST_SERVICES_TIMEOUT:-60}"

die() { echo "test-services: $*" >&2; exit 1; }

# True when something accepts TCP connections on host:port.
port_open() { timeout 2 bash -c ">/dev/tcp/$1/$2" 2>/dev/null; }

# Waits until "$@" succeeds, at most $timeout_s seconds.
wait_for() {
    local deadline=$((SECONDS + timeout_s))
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }

ensure_postgres() {
    if command -v pg_isready >/dev/null 2>&1 && pg_ready; then return 0; fi
    port_open "$PG_HOST" "$PG_PORT" && return 0
    command -v pg_ctlcluster >/dev/null 2>&1 ||
        die "PostgreSQL is not running on $PG_HOST:$PG_PORT and pg_ctlcluster is missing (apt-get install postgresql)"
    [[ -d /etc/postgresql ]] || die "no PostgreSQL cluster under /etc/postgresql"
    local version
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    [[ -n "$version" ]] || die "no PostgreSQL cluster under /etc/postgresql"
    local out
    if ! out="$(pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>&1)"; then
        # A concurrent start (another worker) is fine as long as it ends up running.
        pg_ready || { echo "$out" >&2; die "could not start PostgreSQL $version/main"; }
    fi
    wait_for pg_ready || die "PostgreSQL $version/main did not accept connections within ${timeout_s}s"
}

# Creates the venv and installs the pinned SecantusDB unless that exact version is already there.
ensure_secantus_installed() {
    local want="${SECANTUS_PIN#*==}" have=""
    if [[ -x "$venv/bin/python" ]]; then
        have="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("secantusdb"))' 2>/dev/null || true)"
    fi
    [[ "$have" == "$want" && -x "$venv/bin/secantusd-py" ]] && return 0
    local python
    python="$(command -v python3 || true)"
    [[ -n "$python" ]] || die "python3 is required to run the MongoDB test server (SecantusDB)"
    mkdir -p "$(dirname "$venv")"
    if [[ ! -x "$venv/bin/python" ]]; then
        "$python" -m venv "$venv" >"$state/venv.log" 2>&1 ||
            { cat "$state/venv.log" >&2; die "could not create a virtualenv at $venv (Debian: apt-get install python3-venv)"; }
    fi
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$SECANTUS_PIN" >"$state/pip.log" 2>&1 ||
        { cat "$state/pip.log" >&2; die "pip install '$SECANTUS_PIN' into $venv failed"; }
}

ensure_mongo() {
    port_open "$MONGO_HOST" "$MONGO_PORT" && return 0
    ensure_secantus_installed
    local config="$state/secantusd.conf" log="$state/secantusd.log"
    : >"$config"
    # setsid + nohup: the server outlives this script and the shell that ran it.
    setsid nohup "$venv/bin/secantusd-py" --config "$config" --host "$MONGO_HOST" --port "$MONGO_PORT" \
        --storage-path :memory: >"$log" 2>&1 </dev/null &
    local pid=$!
    echo "$pid" >"$state/secantusd.pid"
    local deadline=$((SECONDS + timeout_s))
    until port_open "$MONGO_HOST" "$MONGO_PORT"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            # It may have lost a race with a server another run started meanwhile.
            port_open "$MONGO_HOST" "$MONGO_PORT" && return 0
            tail -n 30 "$log" >&2 || true
            die "SecantusDB exited during startup (log: $log)"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 30 "$log" >&2 || true
            die "SecantusDB did not answer on $MONGO_HOST:$MONGO_PORT within ${timeout_s}s (log: $log)"
        fi
        sleep 0.5
    done
}

# The Fernet interop test decrypts tokens made in Rust with Python's `cryptography`.
ensure_python_cryptography() {
    command -v python3 >/dev/null 2>&1 || die "python3 is missing (needed by the Fernet interop test)"
    python3 -c 'import cryptography' 2>/dev/null && return 0
    python3 -m pip install -q 'cryptography>=42' >/dev/null 2>&1 ||
        die "could not install Python's cryptography package for the Fernet interop test"
}

mkdir -p "$state"
ensure_postgres
ensure_mongo
ensure_python_cryptography
