#!/usr/bin/env bash
# Builds the jar for each platform (-Dphasewise.platform=NAME) and checks that it carries that
# platform's PostgreSQL binaries and JavaFX natives, and no other platform's (docs/packaging.md).
#
#   usage: package/check-platform-jars.sh [--no-build] [PLATFORM ...]
#     PLATFORM: linux-x86_64 linux-aarch64 mac-x86_64 mac-aarch64 windows-x86_64 (default: all)
#     --no-build: check the jars already in target/platform-jars/ (those named, else all there)
#                 and target/phasewise.jar against the platform it says it was built for,
#                 without running Maven
#   makes: target/platform-jars/phasewise-PLATFORM.jar, then rebuilds target/phasewise.jar for
#          the build machine so that target/ is left as a plain build leaves it
#   needs: Maven (offline first; online for a platform whose artifacts are not in ~/.m2), unzip, file
#
# Exit 0 when every jar checked holds what it should; 1 when one does not; 3 when a platform's
# artifacts could not be fetched (said per platform, the others still checked).
set -uo pipefail
cd "$(dirname "$0")/.."

ALL="linux-x86_64 linux-aarch64 mac-x86_64 mac-aarch64 windows-x86_64"
BUILD=true
PLATFORMS=()
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=false ;;
    linux-x86_64|linux-aarch64|mac-x86_64|mac-aarch64|windows-x86_64) PLATFORMS+=("$a") ;;
    *) echo "usage: $0 [--no-build] [PLATFORM ...]  (PLATFORM: $ALL)" >&2; exit 2 ;;
  esac
done
EXPLICIT=true
[ ${#PLATFORMS[@]} -gt 0 ] || { EXPLICIT=false; read -r -a PLATFORMS <<< "$ALL"; }
OUT=target/platform-jars

# What each platform's jar must hold: zonky's archive, JavaFX's glass library and what `file`
# says of that library (the file names alone do not tell x86-64 from arm64).
pg_archive() {
  case "$1" in
    linux-x86_64) echo postgres-linux-x86_64.txz ;;
    linux-aarch64) echo postgres-linux-arm_64.txz ;;
    mac-x86_64) echo postgres-darwin-x86_64.txz ;;
    mac-aarch64) echo postgres-darwin-arm_64.txz ;;
    windows-x86_64) echo postgres-windows-x86_64.txz ;;
  esac
}
glass_lib() {
  case "$1" in
    linux-*) echo libglass.so ;;
    mac-*) echo libglass.dylib ;;
    windows-*) echo glass.dll ;;
  esac
}
glass_arch() {
  case "$1" in
    linux-x86_64) echo 'ELF 64-bit.*x86-64' ;;
    linux-aarch64) echo 'ELF 64-bit.*ARM aarch64' ;;
    mac-x86_64) echo 'Mach-O 64-bit.*x86_64' ;;
    mac-aarch64) echo 'Mach-O 64-bit.*arm64' ;;
    windows-x86_64) echo 'PE32\+ executable.*x86-64' ;;
  esac
}

mvn_package() { # platform, then extra Maven options
  local platform=$1; shift
  flock /tmp/phasewise-mvn.lock mvn -B -q package -DskipTests -Dmdep.skip=true \
    -Dphasewise.platform="$platform" "$@"
}

# check JAR PLATFORM: prints what is wrong, returns 1 if anything is
check() {
  local jar=$1 platform=$2 bad=0 listing manifest built archives glass arch
  listing=$(unzip -l "$jar" | awk 'NR > 3 { print $4 }')
  manifest=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r')
  built=$(unzip -p "$jar" dev/phasewise/platform.properties | sed -n 's/^platform=//p')
  if ! grep -qx "Phasewise-Platform: $platform" <<< "$manifest"; then
    echo "  manifest: no 'Phasewise-Platform: $platform'"; bad=1
  fi
  if [ "$built" != "$platform" ]; then
    echo "  dev/phasewise/platform.properties says '$built', not $platform"; bad=1
  fi
  if ! grep -q "^Implementation-Version: ." <<< "$manifest"; then
    echo "  manifest: no Implementation-Version"; bad=1
  fi
  # PostgreSQL: exactly this platform's archive, at the top where zonky looks for it
  archives=$(grep -E '^postgres-.*\.txz$' <<< "$listing" | tr '\n' ' ')
  if [ "$archives" != "$(pg_archive "$platform") " ]; then
    echo "  PostgreSQL binaries: '${archives% }', expected $(pg_archive "$platform") alone"; bad=1
  fi
  # JavaFX: this platform's glass library, no other OS's natives at the jar's top level
  # (jline's natives for every OS live under org/jline/nativ/ and are meant to)
  glass=$(glass_lib "$platform")
  if ! grep -qx "$glass" <<< "$listing"; then
    echo "  JavaFX: no $glass"; bad=1
  else
    arch=$(unzip -p "$jar" "$glass" | file -b -)
    if ! grep -Eq "$(glass_arch "$platform")" <<< "$arch"; then
      echo "  JavaFX: $glass is '$arch', not $platform"; bad=1
    fi
  fi
  local foreign
  foreign=$(grep -E '^[^/]+\.(so|dylib|dll)$' <<< "$listing" | grep -v "$(sed 's/.*\.//' <<< "$glass")\$" | head -3)
  if [ -n "$foreign" ]; then
    echo "  natives of another OS at the top level: $(tr '\n' ' ' <<< "$foreign")"; bad=1
  fi
  return $bad
}

mkdir -p "$OUT"
failed=() unfetched=() passed=()
for p in "${PLATFORMS[@]}"; do
  jar="$OUT/phasewise-$p.jar"
  if $BUILD; then
    echo "== $p: building"
    log="$OUT/build-$p.log"
    if ! mvn_package "$p" -o > "$log" 2>&1; then
      # not all in ~/.m2: let Maven fetch what this platform needs
      echo "  not all offline, fetching"
      if ! mvn_package "$p" > "$log" 2>&1; then
        echo "  could not build for $p (artifacts not fetched?): $(grep -m1 -E 'Could not|ERROR' "$log")"
        unfetched+=("$p"); continue
      fi
    fi
    cp target/phasewise.jar "$jar"
  fi
  if [ ! -f "$jar" ]; then
    # --no-build with no platform named checks the jars that are there
    $EXPLICIT || $BUILD || continue
    echo "== $p: no $jar (run without --no-build)"; unfetched+=("$p"); continue
  fi
  echo "== $p: checking $jar ($(du -h "$jar" | cut -f1))"
  if check "$jar" "$p"; then passed+=("$p"); else failed+=("$p"); fi
done

if $BUILD; then
  echo "== rebuilding target/phasewise.jar for this machine"
  flock /tmp/phasewise-mvn.lock mvn -B -q -o package -DskipTests > "$OUT/build-native.log" 2>&1 \
    || { echo "  the build for this machine failed: $OUT/build-native.log"; failed+=("native"); }
elif [ -f target/phasewise.jar ]; then
  native=$(unzip -p target/phasewise.jar dev/phasewise/platform.properties | sed -n 's/^platform=//p')
  echo "== target/phasewise.jar: built for '$native'"
  if check target/phasewise.jar "$native"; then passed+=("target:$native"); else failed+=("target:$native"); fi
fi

# the jar built for this machine: its --version is its manifest's Implementation-Version
if [ -f target/phasewise.jar ]; then
  want="phasewise $(unzip -p target/phasewise.jar META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: //p')"
  got=$(java -jar target/phasewise.jar --version 2>&1)
  if [ "$got" = "$want" ]; then
    echo "== java -jar target/phasewise.jar --version: $got (the manifest's)"
  else
    echo "== java -jar target/phasewise.jar --version: '$got', the manifest says '$want'"; failed+=("version")
  fi
fi

echo "passed: ${passed[*]:-none}"
[ ${#unfetched[@]} -eq 0 ] || echo "not fetched or built here: ${unfetched[*]}"
[ ${#failed[@]} -eq 0 ] || { echo "FAILED: ${failed[*]}"; exit 1; }
[ ${#unfetched[@]} -eq 0 ] || exit 3
exit 0
