#!/usr/bin/env bash
# Builds a self-contained Phasewise: the shaded jar + a jlink'd runtime of JDK modules only +
# jpackage app-image, so the app starts on a machine with no Java installed (docs/packaging.md).
#
#   usage: package/build-runtime.sh [--skip-build] [--deb]
#   needs: JDK 17 with jdeps, jlink, jpackage; Maven for the jar (skipped with --skip-build)
#   makes: target/runtime/ (the Java runtime), target/jpackage/phasewise/ (the app image),
#          with --deb also target/jpackage/phasewise_*.deb (needs fakeroot, dpkg-deb)
#
# Why not `javafx:jlink` or a modular image: JavaFX is in the fat jar on the class path; richtextfx,
# reactfx, flowless, postgresql and others are automatic modules, which jlink refuses. So jlink
# only the JDK modules the jar needs (jlink.config, checked here against jdeps), and keep the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
SKIP_BUILD=false
DEB=false
for a in "$@"; do
  case "$a" in
    --skip-build) SKIP_BUILD=true ;;
    --deb) DEB=true ;;
    *) echo "usage: $0 [--skip-build] [--deb]" >&2; exit 2 ;;
  esac
done
JAR=target/phasewise.jar
if ! $SKIP_BUILD; then
  flock /tmp/phasewise-mvn.lock mvn -B -q package -DskipTests
fi
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -B package -DskipTests)" >&2; exit 2; }

# 1. the JDK modules the jar uses, by jdeps; jlink.config must name all of them
needed=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$JAR")
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
rm -rf target/runtime
jlink @jlink.config --output target/runtime

# 3. the app image: launcher, icon, the jar and the runtime
rm -rf target/jpackage target/jpinput
mkdir -p target/jpinput
cp "$JAR" target/jpinput/
jpackage --type app-image --name phasewise --app-version 0.1.0 \
  --input target/jpinput --main-jar phasewise.jar --main-class dev.phasewise.Launcher \
  --runtime-image target/runtime --icon icons/phasewise-256.png \
  --java-options '-Xmx1g' --dest target/jpackage
if $DEB; then
  # JavaFX's natives are inside the jar, so jpackage cannot see that GTK 3 is needed: say it
  jpackage --type deb --name phasewise --app-version 0.1.0 --app-image target/jpackage/phasewise \
    --linux-package-deps 'libgtk-3-0' --linux-shortcut --dest target/jpackage
fi

echo "runtime:   $(du -sh target/runtime | cut -f1)  target/runtime"
echo "app image: $(du -sh target/jpackage/phasewise | cut -f1)  target/jpackage/phasewise"
echo "jar:       $(du -sh "$JAR" | cut -f1)  $JAR"
target/jpackage/phasewise/bin/phasewise --version
