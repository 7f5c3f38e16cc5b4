package dev.phasewise.platform;

import java.lang.management.ManagementFactory;

/**
 * Stands in for Phasewise in {@link SourceTreeLauncherTest}: prints the JDK that runs it and the
 * JVM options it got, so the test sees which java and which cache the launcher chose, and then
 * NO_AT_BRIDGE and GSETTINGS_BACKEND where they are set. The first
 * argument "exit=N" makes it exit with N. A training run ({@code --aot-training ...}) also prints its
 * arguments.
 */
public final class LauncherProbe {
    private LauncherProbe() {
    }

    public static void main(String[] args) {
        System.out.println("java=" + Runtime.version().feature() + " options="
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (String name : new String[] {"NO_AT_BRIDGE", "GSETTINGS_BACKEND"}) {
            if (System.getenv(name) != null) {
                System.out.println(name + "=" + System.getenv(name));
            }
        }
        if (args.length > 0 && args[0].equals("--aot-training")) {
            System.out.println("training " + java.util.Arrays.asList(args));
        }
        if (args.length > 0 && args[0].startsWith("exit=")) {
            System.exit(Integer.parseInt(args[0].substring(5)));
        }
    }
}
