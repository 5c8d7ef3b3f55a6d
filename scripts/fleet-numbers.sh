#!/usr/bin/env bash
# The numbers of docs/caching.md: starts a private redis-server on a free loopback port (no persistence),
# runs `bench/OpenRouter.Benchmarks -- --fleet 127.0.0.1:PORT` against it and the in-process emulator, and stops the server
# on exit, whatever happens. Needs redis-server (apt-get install redis-server).
# Usage: scripts/fleet-numbers.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v redis-server >/dev/null 2>&1 || { echo "fleet-numbers: redis-server is not installed (apt-get install redis-server)" >&2; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" --logfile "$dir/redis.log" --daemonize no &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; rm -rf "$dir"' EXIT

# Readiness: poll PING with a bounded deadline (start-up takes milliseconds; the bound only stops a broken start from hanging).
for _ in $(seq 1 100); do
  if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then break; fi
  sleep 0.1
done
redis-cli -p "$port" ping | grep -q PONG || { echo "fleet-numbers: redis-server did not start" >&2; cat "$dir/redis.log" >&2; exit 1; }

echo "fleet-numbers: redis-server $(redis-server --version | cut -d' ' -f3) on 127.0.0.1:$port; $(nproc) cores"
dotnet run -c Release --project "$root/bench/OpenRouter.Benchmarks" -- --fleet "127.0.0.1:$port"
