#!/usr/bin/env bash
# Package smoke test, as a new user would meet the packages:
#  1. `dotnet pack` the four packages (Release, a version unique to this run) into a local folder;
#  2. check each .nupkg's nuspec (repository URL and commit, project URL, MIT licence expression, readme that is in the
#     package) and that a matching .snupkg exists;
#  3. create a net8.0 and a net10.0 console app OUTSIDE the repository (no Directory.*.props inherited) that restore
#     OpenRouter.Extensions.AI and OpenRouter.Testing from that folder and run a tool-calling chat against the emulator.
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
ids=(OpenRouter.Extensions.AI OpenRouter.Extensions.AI.Hosting OpenRouter.SemanticKernel OpenRouter.Testing)

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
# One Release build of them all (SemanticKernel builds Extensions.AI and .Hosting), then pack without building again.
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
  if [[ $id == OpenRouter.Extensions.AI.Hosting ]]; then
    contents=$(unzip -l "$nupkg")
    grep -q ' ConfigurationSchema.json$' <<<"$contents" || fail "$id: ConfigurationSchema.json not at the package root"
    grep -q " buildTransitive/$id.targets\$" <<<"$contents" || fail "$id: buildTransitive/$id.targets missing"
  fi
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

for tfm in net8.0 net10.0; do
  app="$work/consumer-$tfm"
  mkdir -p "$app"
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
    <PackageReference Include="OpenRouter.Testing" Version="$version" />
  </ItemGroup>
</Project>
XML
  cat >"$app/Program.cs" <<'CS'
using System.ComponentModel;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;
using OpenRouter.Testing;

await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync();
using IChatClient client = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-consumer", DefaultModelId = "openai/gpt-4o-mini" })
    .AsBuilder().UseFunctionInvocation().Build();

ChatResponse answer = await client.GetResponseAsync("What is the weather in Paris?", new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] });
bool called = answer.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any(c => c.Name == "get_weather");
Console.WriteLine($"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}: tool called: {called}; answer: {answer.Text}");
Console.WriteLine(called && answer.Text.Contains("Sunny", StringComparison.Ordinal) ? "CONSUMER OK" : "CONSUMER FAILED");
return called ? 0 : 1;

[Description("Gets the current weather for a city.")]
static string GetWeather([Description("The city")] string city) => $"Sunny, 21 °C in {city}";
CS
  (cd "$app" && dotnet build -c Release -nologo -v q >"$work/build-$tfm.log" 2>&1) \
    || { cat "$work/build-$tfm.log"; fail "the $tfm consumer did not restore/build"; }
  [[ -f "$app/bin/Release/$tfm/OpenRouter.Extensions.AI.dll" ]] || fail "$tfm: package assembly not copied"
  note=""
  if [[ $tfm == net8.0 ]]; then note="$roll_forward_note"; fi
  set +e
  output=$(cd "$app" && DOTNET_ROLL_FORWARD=Major timeout 120 "bin/Release/$tfm/Consumer" 2>&1)
  rc=$?
  set -e
  echo "package-smoke: $tfm consumer$note: $output" | tr '\n' ' '; echo
  [[ $rc -eq 0 ]] && grep -q '^CONSUMER OK$' <<<"$output" || fail "the $tfm consumer exited $rc"
done

echo "package-smoke: passed in $(( $(date +%s) - start )) s"
