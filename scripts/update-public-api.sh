#!/usr/bin/env bash
# Regenerates each package's PublicAPI.Unshipped.txt from the code, offline and without prompts.
#
# The public API baseline (Microsoft.CodeAnalysis.PublicApiAnalyzers) fails the build when a public symbol is missing
# from PublicAPI.Shipped.txt + PublicAPI.Unshipped.txt (RS0016) or listed there but gone (RS0017). After an intended
# change of the surface, run this script and review the diff of the .txt files: that diff IS the API change.
# PublicAPI.Shipped.txt is left alone (move lines there when a version is released).
#
# How: empty PublicAPI.Unshipped.txt, then apply the analyzer's own RS0016 code fix with `dotnet format analyzers`
# (it adds every public symbol that Shipped does not list, for every target framework of the project), then sort.
# Usage: scripts/update-public-api.sh [project.csproj ...]   (default: every project under src/)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

projects=("$@")
if ((${#projects[@]} == 0)); then
  mapfile -t projects < <(ls src/*/*.csproj)
fi

for project in "${projects[@]}"; do
  dir="$(dirname "$project")"
  unshipped="$dir/PublicAPI.Unshipped.txt"
  [[ -f "$dir/PublicAPI.Shipped.txt" ]] || printf '#nullable enable\n' >"$dir/PublicAPI.Shipped.txt"
  printf '#nullable enable\n' >"$unshipped"

  echo "update-public-api: $project"
  dotnet restore "$project" -nologo -v q >/dev/null
  dotnet format analyzers "$project" --diagnostics RS0016 --severity info --no-restore -v q

  # Stable order (the code fix appends as it goes): '#nullable enable' first, then the entries sorted ordinally.
  { echo '#nullable enable'; grep -v '^#nullable enable$' "$unshipped" | grep -v '^$' | LC_ALL=C sort -u; } >"$unshipped.tmp"
  mv "$unshipped.tmp" "$unshipped"
  echo "update-public-api: $(($(wc -l <"$unshipped") - 1)) entries in $unshipped"
done
