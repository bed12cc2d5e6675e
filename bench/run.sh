#!/usr/bin/env bash
# Throughput and latency of the hot read/write paths on each backend, measured with wrk against a
# release build on loopback. Usage: bash bench/run.sh [sqlite|postgres|mongo ...]
# Needs wrk (apt-get install wrk) and the test services (scripts/test-services.sh).
# Each run is bounded: DURATION seconds per endpoint (default 10), CONNECTIONS (default 16).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
backends=("${@:-sqlite postgres mongo}")
read -r -a backends <<<"${backends[*]}"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-16}"
port="${BENCH_PORT:-7979}"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
bash scripts/test-services.sh
cargo build --release --quiet
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

start_server() {
    local backend="$1"
    db="bench_$RANDOM$RANDOM"
    local -a env=(LANGFLOW_CONFIG_DIR="$work/$backend" LANGFLOW_PORT="$port" LANGFLOW_SUPERUSER=admin
        LANGFLOW_SUPERUSER_PASSWORD=bench-password LANGFLOW_LOGIN_RATE_LIMIT_PER_MINUTE=0 RUST_LOG=warn)
    case "$backend" in
        sqlite) env+=(LANGFLOW_DATABASE_URL="sqlite://$work/$backend/bench.db") ;;
        postgres) psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" >/dev/null
                  env+=(LANGFLOW_DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$db") ;;
        mongo) env+=(PERSISTENCE_BACKEND=mongo LANGFLOW_MONGO_DATABASE_NAME="$db") ;;
    esac
    env "${env[@]}" target/release/langflow-persistence >"$work/$backend.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return; sleep 0.1; done
    echo "bench: $backend server did not start" >&2; cat "$work/$backend.log" >&2; exit 1
}

for backend in "${backends[@]}"; do
    start_server "$backend"
    base="http://127.0.0.1:$port"
    token=$(curl -s -X POST "$base/api/v1/login" -d 'username=admin&password=bench-password' | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
    flow=$(curl -s -X POST "$base/api/v1/flows/" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
        -d '{"name":"bench","data":{"nodes":[],"edges":[]}}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
    for i in $(seq 50); do
        curl -s -o /dev/null -X POST "$base/api/v1/flows/" -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "{\"name\":\"f$i\"}"
    done
    echo "== $backend"
    for path in "/api/v1/flows/$flow" "/api/v1/flows/?header_flows=true" "/api/v1/projects/" "/health_check"; do
        printf '%-40s ' "GET $path"
        wrk -t2 -c"$connections" -d"${duration}s" -H "Authorization: Bearer $token" "$base$path" | awk '/Requests\/sec/ {rps=$2} /Latency/ {lat=$2} END {print rps " req/s, mean latency " lat}'
    done
    printf '%-40s ' "POST /api/v1/flows/ (fresh names)"
    TOKEN="$token" wrk -t2 -c"$connections" -d"${duration}s" -s bench/create_flow.lua "$base/api/v1/flows/" | awk '/Requests\/sec/ {rps=$2} /Latency/ {lat=$2} END {print rps " req/s, mean latency " lat}'
    printf '%-40s ' "POST /api/v1/flows/ (one name, renaming)"
    NAMES=same TOKEN="$token" wrk -t2 -c"$connections" -d"${duration}s" -s bench/create_flow.lua "$base/api/v1/flows/" | awk '/Requests\/sec/ {rps=$2} /Latency/ {lat=$2} END {print rps " req/s, mean latency " lat}'
    kill "$server"; wait "$server" 2>/dev/null || true
    if [[ "$backend" == postgres ]]; then
        psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
    fi
done
