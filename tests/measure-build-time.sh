#!/usr/bin/env bash
# Build time a service selection adds to a consumer: a throwaway console app outside the repository
# (in a mktemp folder), wired the way samples/TrailScan is (the props/targets imported, the
# generator as an analyzer, the runtime as an ordinary reference), built with
# `dotnet build -c Release --no-restore` once per selection after a warm-up. Each timed build
# touches Program.cs first, so CoreCompile runs (the edit-and-rebuild loop); the project
# references are built once beforehand and are up to date in every timed build.
#
#   bash tests/measure-build-time.sh [-r RUNS] [-c CONFIG] [--names] [--cpu] [--aot] [SELECTION...]
#
# -c: the configuration built (default Release; Debug is what an edit-and-run loop builds).
# --names: the app's code names ten event classes (five detections over iam, sts, signin, ec2,
# kms and s3), so that they get generated classes and every other selected event is read by
# schema; the empty selection keeps the code that names none (the empty console app).
# SELECTION is a comma-separated service list ("" for none, "*" for all); the default is
# "" and the ten services most seen in logs. The figure per selection is the median wall time of
# RUNS builds (default 5) with the build server on (the default); "added" is its difference from
# the first selection. --cpu also times RUNS builds with no build server
# (-m:1 -nodeReuse:false -p:UseSharedCompilation=false), where the compiler is a child process,
# so user+sys CPU of the whole build is counted: the figure to compare on a busy machine.
# --aot also publishes each selection once with PublishAot=true and prints the publish time.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=5
config=Release
names=false
cpu=false
aot=false
selections=()
while (($#)); do
  case $1 in
    -r) runs=$2; shift 2 ;;
    -c) config=$2; shift 2 ;;
    --names) names=true; shift ;;
    --cpu) cpu=true; shift ;;
    --aot) aot=true; shift ;;
    *) selections+=("$1"); shift ;;
  esac
done
((${#selections[@]})) || selections=("" "ec2,s3,iam,sts,kms,lambda,dynamodb,sns,sqs,cloudtrail")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/app"
cat >"$work/app/App.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="$repo/src/CloudTrailGen/build/CloudTrailGen.props" />
  <Import Project="Services.props" />
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <InvariantGlobalization>true</InvariantGlobalization>
    <CloudTrailGenCatalogRoot>$repo/catalog/</CloudTrailGenCatalogRoot>
    <CloudTrailGenNamespace>App.Ct</CloudTrailGenNamespace>
    <NoWarn>\$(NoWarn);CTG0100</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/CloudTrailGen/CloudTrailGen.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="$repo/src/CloudTrailGen.Runtime/CloudTrailGen.Runtime.csproj" />
  </ItemGroup>
  <Import Project="$repo/src/CloudTrailGen/build/CloudTrailGen.targets" />
</Project>
EOF
cat >"$work/app/Program.cs" <<'EOF'
int count = 0;
foreach (var record in App.Ct.CloudTrailLog.ReadFile(args[0])) count++;
System.Console.WriteLine(count);
EOF

# The code that names ten events (written for every selection but the empty one when --names).
cp "$work/app/Program.cs" "$work/Plain.cs"
cat >"$work/Named.cs" <<'EOF'
int count = 0, alerts = 0;
foreach (var record in App.Ct.CloudTrailLog.ReadFile(args[0]))
{
    count++;
    alerts += record switch
    {
        App.Ct.Iam.AttachRolePolicyEvent e => e.Request is null ? 0 : 1,
        App.Ct.Iam.CreateAccessKeyEvent e => e.Response is null ? 0 : 1,
        App.Ct.Iam.CreateUserEvent e => e.Request is null ? 0 : 1,
        App.Ct.Iam.PutUserPolicyEvent e => e.Request is null ? 0 : 1,
        App.Ct.Sts.AssumeRoleEvent e => e.Request is null ? 0 : 1,
        App.Ct.SignIn.ConsoleLoginEvent e => e.Response is null ? 0 : 1,
        App.Ct.Ec2.AuthorizeSecurityGroupIngressEvent e => e.Request is null ? 0 : 1,
        App.Ct.Ec2.RunInstancesEvent e => e.Request is null ? 0 : 1,
        App.Ct.Kms.ScheduleKeyDeletionEvent e => e.Request is null ? 0 : 1,
        App.Ct.S3.PutBucketPolicyEvent e => e.Request is null ? 0 : 1,
        _ => record.ErrorCode == "AccessDenied" ? 1 : 0,
    };
}
System.Console.WriteLine($"{count} records, {alerts} alerts");
EOF

# The selection as items, in a file the project imports ('*' escaped: MSBuild would glob it).
choose() {
  local items=${1//,/;}
  items=${items//\*/%2A}
  printf '<Project>\n  <ItemGroup>\n%s  </ItemGroup>\n</Project>\n' \
    "$([[ -z $items ]] || printf '    <CloudTrailService Include="%s" />\n' "$items")" >"$work/app/Services.props"
  if $names && [[ -n $1 ]]; then cp "$work/Named.cs" "$work/app/Program.cs"; else cp "$work/Plain.cs" "$work/app/Program.cs"; fi
}
build() { dotnet build "$work/app" -c "$config" --no-restore -v:q -nologo "$@" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), dotnet $(dotnet --version); load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build "$repo/src/CloudTrailGen" -c Release -v:q -nologo >/dev/null
dotnet build "$repo/src/CloudTrailGen.Runtime" -c Release -v:q -nologo >/dev/null
choose ""
dotnet restore "$work/app" -v:q >/dev/null

base=
for selection in "${selections[@]}"; do
  choose "$selection"
  build # warm-up: the generator runs, the build server and the file cache are warm
  walls=()
  for ((i = 0; i < runs; i++)); do
    touch "$work/app/Program.cs"
    start=$(date +%s%N)
    build
    end=$(date +%s%N)
    walls+=($(((end - start) / 1000000)))
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  [[ -n $base ]] || base=$wall
  echo "services '${selection:-(none)}': median wall $(awk -v t="$wall" 'BEGIN { printf "%.1f", t / 1000 }') s of $runs (${walls[*]} ms), added $(awk -v t="$wall" -v b="$base" 'BEGIN { printf "%.1f", (t - b) / 1000 }') s; load $(cut -d' ' -f1 /proc/loadavg)"
  if $cpu; then
    cpus=()
    for ((i = 0; i < runs; i++)); do
      touch "$work/app/Program.cs"
      /usr/bin/env time -f '%U %S' -o "$work/time" dotnet build "$work/app" -c "$config" --no-restore -v:q -nologo -m:1 -nodeReuse:false -p:UseSharedCompilation=false >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
      cpus+=($(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/time"))
    done
    cpuMedian=$(printf '%s\n' "${cpus[@]}" | median)
    [[ -n ${cpuBase:-} ]] || cpuBase=$cpuMedian
    echo "  no build server: median CPU $(awk -v t="$cpuMedian" 'BEGIN { printf "%.1f", t / 1000 }') s (${cpus[*]} ms), added $(awk -v t="$cpuMedian" -v b="$cpuBase" 'BEGIN { printf "%.1f", (t - b) / 1000 }') s; load $(cut -d' ' -f1 /proc/loadavg)"
  fi
  if $aot; then
    start=$(date +%s%N)
    dotnet publish "$work/app" -c Release -r linux-x64 -p:PublishAot=true -v:q -nologo -o "$work/aot" >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
    end=$(date +%s%N)
    echo "  AOT publish (restore included): $(awk -v t="$(((end - start) / 1000000))" 'BEGIN { printf "%.1f", t / 1000 }') s, binary $(stat -c %s "$work/aot/App") bytes"
    rm -rf "$work/aot"
  fi
done
