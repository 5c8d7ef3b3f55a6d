#!/usr/bin/env bash
# Package smoke test, as a new user would meet the packages:
#  1. `dotnet pack` the three packages (Release, a version unique to this run) into a local folder;
#  2. check each .nupkg's nuspec (repository URL and commit, project URL, MIT licence expression, readme that is in the
#     package) and that a matching .snupkg exists;
#  3. create console apps OUTSIDE the repository (no Directory.*.props inherited) that restore the three packages from that
#     folder, warnings as errors, and run scripts/package-consumer (chat, streaming, reasoning, a tool loop, DI, embeddings,
#     images, Semantic Kernel, an Agent Framework agent) against the emulator: net8.0 with the Microsoft.Extensions.AI the
#     packages resolve to (10.11), and net10.0 with Microsoft.Extensions.AI 10.11.0 and with 11.0.0 referenced directly.
# .NET 8 apps run on the newest installed runtime when no 8.0 runtime is installed (DOTNET_ROLL_FORWARD=Major), which
# the script says. Prints "package-smoke: passed" and exits 0 when everything worked.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
start=$(date +%s)
work="$(mktemp -d /tmp/openrouter-package-smoke.XXXXXX)"
suffix="smoke.$(date +%s)"
feed="$work/feed"
packages_cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
ids=(OpenRouter.Extensions.AI OpenRouter.SemanticKernel OpenRouter.Testing)

cleanup() {
  rm -rf "$work"
  # The versions of this run only, so the global package cache does not fill up with smoke versions.
  for id in "${ids[@]}"; do
    rm -rf "$packages_cache/${id,,}/0.1.0-$suffix" 2>/dev/null || true
  done
}
trap cleanup EXIT

fail() { echo "package-smoke: FAILED: $*" >&2; exit 1; }

prefix=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$root/Directory.Build.props")
version="$prefix-$suffix"
echo "package-smoke: packing ${ids[*]} as $version"
# One Release build of the three (SemanticKernel builds Extensions.AI), then pack without building again.
for id in OpenRouter.SemanticKernel OpenRouter.Testing; do
  dotnet build "$root/src/$id/$id.csproj" -c Release -p:VersionSuffix="$suffix" -nologo -v q >"$work/build-$id.log" 2>&1 \
    || { cat "$work/build-$id.log"; fail "dotnet build -c Release $id"; }
  if grep -E ': warning ' "$work/build-$id.log"; then fail "the Release build of $id printed warnings"; fi
done
for id in "${ids[@]}"; do
  dotnet pack "$root/src/$id/$id.csproj" -c Release --no-build -o "$feed" -p:VersionSuffix="$suffix" -nologo -v q >"$work/pack-$id.log" 2>&1 \
    || { cat "$work/pack-$id.log"; fail "dotnet pack $id"; }
  if grep -E ': warning ' "$work/pack-$id.log"; then fail "dotnet pack $id printed warnings"; fi
done

for id in "${ids[@]}"; do
  nupkg="$feed/$id.$version.nupkg"
  [[ -f "$nupkg" ]] || fail "$nupkg missing"
  [[ -f "$feed/$id.$version.snupkg" ]] || fail "symbol package $id.$version.snupkg missing"
  nuspec=$(unzip -p "$nupkg" "$id.nuspec")
  grep -q '<repository type="git" url="https://github.com/openrouter-dotnet/connectors.git" commit="[0-9a-f]\{40\}"' <<<"$nuspec" || fail "$id: no repository URL with commit in the nuspec"
  grep -q '<projectUrl>https://github.com/openrouter-dotnet/connectors</projectUrl>' <<<"$nuspec" || fail "$id: no projectUrl"
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id: no MIT licence expression"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id: no readme element"
  readme=$(unzip -p "$nupkg" README.md) || fail "$id: README.md not in the package"
  grep -q "^# $id\$" <<<"$readme" || fail "$id: the package README is not the package's own"
  if grep -Eq '\]\((\.|/)?[A-Za-z0-9_./-]+\)' <<<"$readme"; then fail "$id: the package README has a relative link"; fi
  symbols=$(unzip -l "$feed/$id.$version.snupkg")
  grep -q "lib/net8.0/$id.pdb" <<<"$symbols" || fail "$id: no net8.0 PDB in the .snupkg"
  grep -q "lib/net10.0/$id.pdb" <<<"$symbols" || fail "$id: no net10.0 PDB in the .snupkg"
  echo "package-smoke: $id.$version: nuspec (repository+commit, projectUrl, MIT, readme) and .snupkg ok"
done

# Found by restore above the app folders and added to the machine's sources.
cat >"$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local-smoke" value="$feed" />
  </packageSources>
</configuration>
XML
# Stops MSBuild from looking further up for Directory.Build.props / Directory.Packages.props.
echo '<Project />' >"$work/Directory.Build.props"
echo '<Project />' >"$work/Directory.Packages.props"

roll_forward_note=""
if ! dotnet --list-runtimes | grep -q '^Microsoft.NETCore.App 8\.'; then
  roll_forward_note=" (no .NET 8 runtime installed: run on $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([0-9.]*\).*/\1/p' | tail -1) with DOTNET_ROLL_FORWARD=Major)"
fi

# Each consumer: target framework, then the Microsoft.Extensions.AI version the app references itself ("" for none).
for consumer in "net8.0:" "net10.0:10.11.0" "net10.0:11.0.0"; do
  tfm=${consumer%%:*}
  meai=${consumer#*:}
  name="consumer-$tfm${meai:+-meai$meai}"
  app="$work/$name"
  mkdir -p "$app"
  meai_reference=""
  if [[ -n $meai ]]; then meai_reference="<PackageReference Include=\"Microsoft.Extensions.AI\" Version=\"$meai\" />"; fi
  cat >"$app/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>$tfm</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <NuGetAudit>false</NuGetAudit>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="OpenRouter.Extensions.AI" Version="$version" />
    <PackageReference Include="OpenRouter.SemanticKernel" Version="$version" />
    <PackageReference Include="OpenRouter.Testing" Version="$version" />
    <PackageReference Include="Microsoft.Agents.AI" Version="1.28.0" />
    $meai_reference
  </ItemGroup>
</Project>
XML
  cp "$root/scripts/package-consumer/"*.cs "$app/"
  (cd "$app" && dotnet build -c Release -nologo -v q >"$work/build-$name.log" 2>&1) \
    || { cat "$work/build-$name.log"; fail "$name did not restore/build"; }
  [[ -f "$app/bin/Release/$tfm/OpenRouter.Extensions.AI.dll" ]] || fail "$name: package assembly not copied"
  note=""
  if [[ $tfm == net8.0 ]]; then note="$roll_forward_note"; fi
  set +e
  output=$(cd "$app" && DOTNET_ROLL_FORWARD=Major timeout 180 "bin/Release/$tfm/Consumer" 2>&1)
  rc=$?
  set -e
  echo "package-smoke: $name$note:"
  echo "$output" | sed 's/^/  /'
  [[ $rc -eq 0 ]] && grep -q 'CONSUMER OK$' <<<"$output" || fail "$name exited $rc"
  if [[ -n $meai ]] && ! grep -q "Microsoft.Extensions.AI $meai:" <<<"$output"; then fail "$name did not run on Microsoft.Extensions.AI $meai"; fi
done

echo "package-smoke: passed in $(( $(date +%s) - start )) s"
