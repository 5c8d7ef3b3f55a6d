#!/usr/bin/env bash
# Native AOT smoke test: publishes samples/AotSmoke with PublishAot=true for linux-x64, fails on any trim/AOT
# warning (IL2xxx/IL3xxx), runs the native binary (it starts the in-process OpenRouter emulator on 127.0.0.1, so no
# network is needed) and checks that it printed "AOT SMOKE OK" and exited 0.
# Usage: scripts/aot-smoke.sh [output-dir]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/artifacts/aot-smoke}"
log="$out.publish.log"
start=$(date +%s)

# Native AOT needs a C toolchain (clang, the linker driver) and zlib's development files.
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
if ((${#missing[@]})); then
  echo "aot-smoke: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "aot-smoke: need root to install ${missing[*]} (apt-get)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$(dirname "$log")"
echo "aot-smoke: publishing samples/AotSmoke (Release, linux-x64, PublishAot)"
if ! dotnet publish "$root/samples/AotSmoke/AotSmoke.csproj" -c Release -r linux-x64 -o "$out" -nologo >"$log" 2>&1; then
  cat "$log"
  echo "aot-smoke: publish FAILED" >&2
  exit 1
fi

# Trim/AOT warnings are errors in the project; this catches any that would slip through as plain warnings.
if grep -E "warning (IL[23][0-9]{3})" "$log"; then
  echo "aot-smoke: trim/AOT warnings found (see above)" >&2
  exit 1
fi

size=$(stat -c %s "$out/AotSmoke")
echo "aot-smoke: native binary $out/AotSmoke, $((size / 1024 / 1024)) MB; running it"
set +e
output=$(timeout 120 "$out/AotSmoke" 2>&1)
rc=$?
set -e
echo "$output"
if [[ $rc -ne 0 ]] || ! grep -q "^AOT SMOKE OK$" <<<"$output"; then
  echo "aot-smoke: FAILED (exit code $rc)" >&2
  exit 1
fi

echo "aot-smoke: passed in $(( $(date +%s) - start )) s"
