#!/usr/bin/env bash
# Builds a self-contained Phasewise: the shaded jar + a jlink'd runtime of JDK modules only +
# jpackage app-image, so the app starts on a machine with no Java installed, and optionally an
# installer for this OS (docs/packaging.md). Runs on Linux, macOS and Windows (Git Bash): jlink and
# jpackage build for the OS they run on, so each OS's image and installer are built on that OS.
#
#   usage: package/build-runtime.sh [--skip-build] [--installer TYPE] [--app-version V] [--deb]
#                                   [--jdk DIR] [--no-aot]
#     TYPE: deb or rpm on Linux, dmg or pkg on macOS, msi or exe on Windows (--deb = --installer deb)
#     V:    the installer's version, numbers only (default: the POM's version without -SNAPSHOT)
#     DIR:  the JDK the image's runtime is cut from (default: the newest JDK with jlink and jpackage
#           among JAVA_HOME, java on the PATH, /usr/lib/jvm/* and macOS's JavaVirtualMachines)
#     --no-aot: no ahead-of-time cache in the image (one is trained when the JDK is 25 or newer)
#   needs: JDK 17+ with jdeps, jlink, jpackage; Maven for the jar (skipped with --skip-build);
#          deb: fakeroot, dpkg-deb; rpm: rpmbuild; msi/exe: WiX
#   makes: target/runtime/ (the Java runtime), target/jpackage/ (the app image: phasewise/ on Linux
#          and Windows, phasewise.app on macOS; with --installer also the installer)
#
# On JDK 25+ the image carries ahead-of-time caches (JEP 483/514/515: classes loaded and linked,
# method profiles) trained by the image's own runtime: lint's, on a lint of bench/history/ and
# migrations-samples/, and on Linux with xvfb-run the window's; its launchers start with them
# (docs/packaging.md). On Linux bin/phasewise is a shell launcher (package/linux-launcher.sh):
# jpackage's own queries rpm and dpkg on every start.
#
# Why not `javafx:jlink` or a modular image: JavaFX is in the fat jar on the class path; richtextfx,
# reactfx, flowless, postgresql and others are automatic modules, which jlink refuses. So jlink
# only the JDK modules the jar needs (jlink.config, checked here against jdeps), and keep the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
SKIP_BUILD=false
INSTALLER=""
APP_VERSION=""
JDK=""
AOT=true
usage() { echo "usage: $0 [--skip-build] [--installer deb|rpm|dmg|pkg|msi|exe] [--app-version V] [--deb] [--jdk DIR] [--no-aot]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) SKIP_BUILD=true ;;
    --deb) INSTALLER=deb ;;
    --installer) [ $# -ge 2 ] || usage; INSTALLER=$2; shift ;;
    --app-version) [ $# -ge 2 ] || usage; APP_VERSION=$2; shift ;;
    --jdk) [ $# -ge 2 ] || usage; JDK=$2; shift ;;
    --no-aot) AOT=false ;;
    *) usage ;;
  esac
  shift
done

case "$(uname -s)" in
  Linux*) OS=linux ;;
  Darwin*) OS=mac ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows ;;
  *) echo "unknown OS $(uname -s): jpackage builds for Linux, macOS and Windows" >&2; exit 2 ;;
esac
case "$OS:$INSTALLER" in
  *:|linux:deb|linux:rpm|mac:dmg|mac:pkg|windows:msi|windows:exe) ;;
  *) echo "a $INSTALLER installer cannot be built on $OS: jpackage builds for the OS it runs on" \
          "(deb/rpm on Linux, dmg/pkg on macOS, msi/exe on Windows)" >&2; exit 2 ;;
esac

# The JDK: the newest one with jlink and jpackage (its feature version from its release file)
feature() { sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2> /dev/null; }
exe=""
[ "$OS" = windows ] && exe=.exe
if [ -z "$JDK" ]; then
  best=0
  path_java=$(command -v java 2> /dev/null || true)
  [ -n "$path_java" ] && path_java=$(dirname "$(dirname "$(readlink -f "$path_java" 2> /dev/null || echo "$path_java")")")
  # unquoted on purpose: globs
  for home in "${JAVA_HOME:-}" "$path_java" /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$home" ] && [ -x "$home/bin/jlink$exe" ] && [ -x "$home/bin/jpackage$exe" ] || continue
    v=$(feature "$home")
    if [ -n "$v" ] && [ "$v" -gt "$best" ]; then best=$v; JDK=$home; fi
  done
  [ -n "$JDK" ] || { echo "no JDK 17+ with jlink and jpackage found: set JAVA_HOME or pass --jdk DIR" >&2; exit 2; }
fi
JDK_VERSION=$(feature "$JDK")
if [ -z "$JDK_VERSION" ] || [ "$JDK_VERSION" -lt 17 ] || [ ! -x "$JDK/bin/jpackage$exe" ]; then
  echo "$JDK is not a JDK 17+ with jpackage (its release file says ${JDK_VERSION:-nothing})" >&2
  exit 2
fi
echo "JDK:       $JDK ($JDK_VERSION)"

JAR=target/phasewise.jar
if ! $SKIP_BUILD; then
  # the shared lock of the project's build machine; a developer's Mac or Windows has no flock
  if command -v flock > /dev/null; then
    flock /tmp/phasewise-mvn.lock mvn -B -q package -DskipTests
  else
    mvn -B -q package -DskipTests
  fi
fi
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -B package -DskipTests)" >&2; exit 2; }

# the POM's version, as the build wrote it into the manifest; installers take numbers only
if [ -z "$APP_VERSION" ]; then
  APP_VERSION=$(unzip -p "$JAR" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: //p')
  APP_VERSION=${APP_VERSION%-SNAPSHOT}
fi
if [ "$OS" = mac ] && [ "${APP_VERSION%%.*}" = 0 ]; then
  # jpackage on macOS refuses it (CFBundleVersion): say so before a minute of jlink
  echo "jpackage on macOS needs an app version whose first number is not 0 ($APP_VERSION):" \
       "pass --app-version, e.g. --app-version 1.0.0" >&2
  exit 2
fi

# 0. the jar's natives must be this machine's: jpackage does not look inside the jar
built_for=$(unzip -p "$JAR" dev/phasewise/platform.properties | sed -n 's/^platform=//p' | tr -d '\r')
case "$(uname -m)" in
  x86_64|amd64) here_arch=x86_64 ;;
  arm64|aarch64) here_arch=aarch64 ;;
  *) here_arch=$(uname -m) ;;
esac
if [ "$built_for" != "$OS-$here_arch" ]; then
  echo "$JAR was built for $built_for, this machine is $OS-$here_arch: build the jar here" \
       "(mvn -B package -DskipTests) or leave out --skip-build" >&2
  exit 2
fi

# 1. the JDK modules the jar uses, by jdeps; jlink.config must name all of them
needed=$("$JDK/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$JAR")
configured=$(grep -- '--add-modules' jlink.config | sed 's/--add-modules *//')
missing=""
for m in ${needed//,/ }; do
  case ",$configured," in *",$m,"*) ;; *) missing="$missing $m" ;; esac
done
if [ -n "$missing" ]; then
  echo "jlink.config lacks modules that jdeps finds in the jar:$missing" >&2
  echo "jdeps: $needed" >&2
  exit 1
fi
echo "jdeps: $needed"

# 2. the runtime: jlink reads its options from jlink.config (an @argfile)
# (compressed here, not in jlink.config: JDK 21+ deprecates --compress=2 and names it zip-6)
rm -rf target/runtime
compress=--compress=2
[ "$JDK_VERSION" -ge 21 ] && compress=--compress=zip-6
"$JDK/bin/jlink" @jlink.config "$compress" --output target/runtime

# 3. the app image: launcher, icon, the jar and the runtime. jpackage takes a PNG icon on Linux
# only (.icns on macOS, .ico on Windows, which icons/ does not have yet: there the default icon)
icon=()
case "$OS" in
  linux) icon=(--icon icons/phasewise-256.png) ;;
  mac) [ -f icons/phasewise.icns ] && icon=(--icon icons/phasewise.icns) ;;
  windows) [ -f icons/phasewise.ico ] && icon=(--icon icons/phasewise.ico) ;;
esac
# On Windows a launcher without a console shows no command-line output, and one with a console
# opens a console window beside the desktop app: so two, phasewise.exe for the window and
# phasewise-cli.exe (win-console) for the command line
# (empty arrays are written ${a[@]+"${a[@]}"}: macOS's bash 3.2 calls "${a[@]}" unbound under set -u)
extra=()
rm -rf target/jpackage target/jpinput
mkdir -p target/jpinput
if [ "$OS" = windows ]; then
  printf 'win-console=true\narguments=--help\n' > target/phasewise-cli.properties
  extra=(--add-launcher phasewise-cli=target/phasewise-cli.properties)
fi
cp "$JAR" target/jpinput/
# the JVM options of the image's launcher; on JDK 22+ those the source tree's launcher passes too
# (JavaFX loads its natives from the class path; its renderer uses sun.misc.Unsafe, warned about on 24+)
jopts=(-Xmx1g)
[ "$JDK_VERSION" -ge 22 ] && jopts+=(--enable-native-access=ALL-UNNAMED)
[ "$JDK_VERSION" -ge 23 ] && jopts+=(--sun-misc-unsafe-memory-access=allow)
"$JDK/bin/jpackage" --type app-image --name phasewise --app-version "$APP_VERSION" \
  --input target/jpinput --main-jar phasewise.jar --main-class dev.phasewise.Launcher \
  --runtime-image target/runtime ${icon[@]+"${icon[@]}"} ${extra[@]+"${extra[@]}"} \
  --java-options "${jopts[*]}" --dest target/jpackage
case "$OS" in
  linux) IMAGE=target/jpackage/phasewise; LAUNCHER=$IMAGE/bin/phasewise
         APPDIR=$IMAGE/lib/app; RUNTIME_JAVA=$IMAGE/lib/runtime/bin/java ;;
  mac) IMAGE=target/jpackage/phasewise.app; LAUNCHER=$IMAGE/Contents/MacOS/phasewise
       APPDIR=$IMAGE/Contents/app; RUNTIME_JAVA=$IMAGE/Contents/runtime/Contents/Home/bin/java ;;
  windows) IMAGE=target/jpackage/phasewise; LAUNCHER=$IMAGE/phasewise-cli.exe
           APPDIR=$IMAGE/app; RUNTIME_JAVA=$IMAGE/runtime/bin/java.exe ;;
esac

# 3b. Linux: bin/phasewise a shell launcher (package/linux-launcher.sh) that starts the image's java
# itself, because jpackage's launcher runs `rpm -qf` and `dpkg -S` on every start (0.6 - 1.3 s
# measured here); jpackage's stays as bin/phasewise-jpackage, with its configuration beside
if [ "$OS" = linux ]; then
  mv "$LAUNCHER" "$IMAGE/bin/phasewise-jpackage"
  cp "$APPDIR/phasewise.cfg" "$APPDIR/phasewise-jpackage.cfg"
  sed "s|@JAVA_OPTIONS@|${jopts[*]}|" package/linux-launcher.sh > "$LAUNCHER"
  chmod 755 "$LAUNCHER"
fi

# 3c. the AOT caches (JDK 25+), trained by the image's own runtime (a cache belongs to one runtime
# and one class path) with the jar's hidden --aot-training (AotTraining): lint's, on a lint of a
# 71-file migration history and of the sample migrations in every output format, with lint's flags;
# and on Linux, where xvfb-run gives it a display nobody sees, the window's, opened on its built-in
# sample plan and closed once shown. Two caches, because a cache loads every class it holds at each start: the
# window's 6,000 would slow every lint. The launchers' configurations get -XX:AOTCache only when the
# training made a cache; a cache the JVM cannot use (another runtime, a moved jar) is skipped by the
# JVM itself, whose log stays quiet.
if $AOT && [ "$JDK_VERSION" -ge 25 ]; then
  train=(bench/history/)
  for f in migrations-samples/*.sql; do [ -f "$f" ] && train+=("$f"); done
  rm -f "$APPDIR/phasewise.aot" "$APPDIR/phasewise-window.aot"
  # the class path as the launchers give it: absolute
  jar_abs="$(cd "$APPDIR" && pwd)/phasewise.jar"
  "$RUNTIME_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData "${jopts[@]}" \
    "-XX:AOTCacheOutput=$APPDIR/phasewise.aot" -cp "$jar_abs" dev.phasewise.Launcher --aot-training lint "${train[@]}" \
    > target/jpackage-aot.log 2>&1 || true
  if [ "$OS" = linux ] && command -v xvfb-run > /dev/null; then
    xvfb-run -a -s "-screen 0 1600x1000x24" "$RUNTIME_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
      "${jopts[@]}" "-XX:AOTCacheOutput=$APPDIR/phasewise-window.aot" \
      -cp "$jar_abs" dev.phasewise.Launcher --aot-training window \
      >> target/jpackage-aot.log 2>&1 || true
  fi
  if [ -s "$APPDIR/phasewise.aot" ]; then
    # every native launcher's configuration (Windows has two); the window's cache for the window's
    # launcher where there is one; the JVM's warnings to stderr, not the output
    for cfg in "$APPDIR"/*.cfg; do
      cache=phasewise.aot
      case "$cfg" in */phasewise.cfg|*/phasewise-jpackage.cfg) [ -s "$APPDIR/phasewise-window.aot" ] && cache=phasewise-window.aot ;; esac
      printf '%s\n' "java-options=-XX:AOTCache=\$APPDIR/$cache" 'java-options=-Xlog:disable' \
        'java-options=-Xlog:all=warning:stderr' >> "$cfg"
    done
    echo "AOT cache: $(du -sh "$APPDIR/phasewise.aot" | cut -f1)  $APPDIR/phasewise.aot"
    [ -s "$APPDIR/phasewise-window.aot" ] && echo "AOT cache: $(du -sh "$APPDIR/phasewise-window.aot" | cut -f1)  $APPDIR/phasewise-window.aot (the window)"
  else
    rm -f "$APPDIR/phasewise-window.aot"
    echo "no AOT cache was made (target/jpackage-aot.log); the image runs without one" >&2
  fi
fi

# 4. the installer, from the image, with what each OS needs said
case "$INSTALLER" in
  deb)
    # JavaFX's natives are inside the jar, so jpackage cannot see that GTK 3 is needed: say it
    jpackage --type deb --name phasewise --app-version "$APP_VERSION" --app-image "$IMAGE" \
      --linux-package-deps 'libgtk-3-0' --linux-shortcut --dest target/jpackage ;;
  rpm)
    jpackage --type rpm --name phasewise --app-version "$APP_VERSION" --app-image "$IMAGE" \
      --linux-package-deps 'gtk3' --linux-shortcut --dest target/jpackage ;;
  dmg|pkg)
    jpackage --type "$INSTALLER" --name phasewise --app-version "$APP_VERSION" --app-image "$IMAGE" \
      --mac-package-name Phasewise --dest target/jpackage ;;
  msi|exe)
    jpackage --type "$INSTALLER" --name phasewise --app-version "$APP_VERSION" --app-image "$IMAGE" \
      --win-menu --win-shortcut --win-dir-chooser --dest target/jpackage ;;
esac

echo "runtime:   $(du -sh target/runtime | cut -f1)  target/runtime"
echo "app image: $(du -sh "$IMAGE" | cut -f1)  $IMAGE"
echo "jar:       $(du -sh "$JAR" | cut -f1)  $JAR"
[ -z "$INSTALLER" ] || ls -la target/jpackage/*."$INSTALLER"
# the image's version is the jar's manifest's (PhasewiseVersion)
"$LAUNCHER" --version
