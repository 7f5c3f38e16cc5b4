#!/bin/sh
# bin/phasewise of the Linux app image (package/build-runtime.sh puts this file there, with the JVM
# options of the image in place of the JAVA_OPTIONS mark below): runs the image's own Java runtime on
# the image's jar, as jpackage's launcher does, with the image's AOT caches. Why not jpackage's
# launcher: on every start it runs `rpm -qf` and `dpkg -S` on its own path (to find out whether a
# package installed it), which took 0.6 - 1.3 s on the 2-core build machine, longer than a whole
# lint (docs/packaging.md). jpackage's launcher stays beside it as bin/phasewise-jpackage.
#
#   phasewise [ARGS...]        the same as java -jar phasewise.jar [ARGS...]
#   PHASEWISE_JAVA_OPTIONS     JVM options, after the image's own (so they win)
#
# The caches (JDK 25+, made by the build): lib/app/phasewise.aot for the command line,
# lib/app/phasewise-window.aot for the window (no command, or gui); a cache the JVM cannot map is
# skipped by the JVM itself, its log on standard error, never in a command's output. POSIX sh, and
# no tool started before the JVM (but readlink when started through a symlink): this runs before
# every command. The JVM's arguments are built from the last to the first with `set --`, which
# keeps paths with spaces whole without arrays.
set -f
case $0 in */*) bin=${0%/*} ;; *) bin=. ;; esac
if [ -L "$0" ]; then
  # e.g. a link in /usr/local/bin to /opt/phasewise/bin/phasewise: the image is the target's
  target=$(readlink -f "$0") && bin=${target%/*}
fi
app=$bin/../lib/app
command=${1-}
set -- -cp "$app/phasewise.jar" dev.phasewise.Launcher "$@"
# unquoted on purpose: words, e.g. PHASEWISE_JAVA_OPTIONS="-Xmx2g -Dphasewise.ui.sandbox=false"
set -- ${PHASEWISE_JAVA_OPTIONS-} "$@"
cache=$app/phasewise.aot
case $command in
  ''|gui) [ -f "$app/phasewise-window.aot" ] && cache=$app/phasewise-window.aot ;;
esac
[ -f "$cache" ] && set -- "-XX:AOTCache=$cache" -Xlog:disable -Xlog:all=warning:stderr "$@"
case $command in
  lint|''|gui)
    # lint (a fraction of a second) and the window (shown sooner; its work waits on the database):
    # C1 only, the serial collector (unless the user chose one: two stop the JVM), no perf data,
    # the heap in transparent huge pages where the kernel gives them on request, and for lint a
    # small young generation unless the user sized the heap (docs/benchmarks.md, the source
    # tree's launcher, which says why)
    if [ "$command" = lint ]; then
      case " ${PHASEWISE_JAVA_OPTIONS-} " in
        *" -Xm"[nsx]*|*NewSize*) ;;
        *) set -- -Xmn16m "$@" ;;
      esac
    fi
    # the window: GTK's accessibility bridge off unless the user set NO_AT_BRIDGE (JavaFX has no
    # accessibility on Linux, so it exposes nothing), and with no session bus GTK's settings in
    # memory rather than a fork to autolaunch one, unless the user chose a store (the source tree's
    # launcher says what each cost)
    if [ "$command" != lint ]; then
      if [ -z "${NO_AT_BRIDGE+set}" ]; then
        NO_AT_BRIDGE=1
        export NO_AT_BRIDGE
      fi
      if [ -z "${DBUS_SESSION_BUS_ADDRESS-}" ] && [ ! -S "${XDG_RUNTIME_DIR:-/nonexistent}/bus" ] \
          && [ -z "${GSETTINGS_BACKEND+set}" ]; then
        GSETTINGS_BACKEND=memory
        export GSETTINGS_BACKEND
      fi
    fi
    thp_mode=""
    [ -r /sys/kernel/mm/transparent_hugepage/enabled ] \
      && read -r thp_mode < /sys/kernel/mm/transparent_hugepage/enabled 2> /dev/null
    case $thp_mode in *"[madvise]"*) set -- -XX:+UseTransparentHugePages "$@" ;; esac
    case " ${PHASEWISE_JAVA_OPTIONS-} " in
      *-XX:+Use*GC*) set -- -XX:TieredStopAtLevel=1 -XX:-UsePerfData "$@" ;;
      *) set -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData "$@" ;;
    esac
    ;;
esac
set -- @JAVA_OPTIONS@ "$@"
exec "$bin/../lib/runtime/bin/java" "$@"
