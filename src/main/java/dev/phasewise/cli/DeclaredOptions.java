package dev.phasewise.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Options declared through picocli's programmatic API, for the commands whose start-up counts (the
 * top level and {@code lint}, which CI runs on every push). picocli builds an annotated command's model
 * by reflection: the annotations' dynamic proxies, generic field types, and its own annotated help mixin
 * ({@code mixinStandardHelpOptions}). On a cold JVM that was 55 - 80 ms of a 230 ms one-statement lint,
 * against about 10 ms for the same model declared in code (docs/benchmarks.md). The other commands
 * live long enough not to notice, and keep their annotations.
 */
final class DeclaredOptions {
    private DeclaredOptions() {
    }

    /** {@code -h, --help} and {@code -V, --version}, worded as picocli's {@code mixinStandardHelpOptions}. */
    static void standardHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /** "key:text" pairs, as the annotation's {@code exitCodeList} takes them, in their order. */
    static Map<String, String> exitCodes(String... entries) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String e : entries) {
            int colon = e.indexOf(':');
            codes.put(e.substring(0, colon), e.substring(colon + 1));
        }
        return codes;
    }

    /** An option builder whose value goes to, and comes from, a field of the command object. */
    static <T> OptionSpec.Builder option(Class<T> type, Supplier<T> get, Consumer<T> set, String... names) {
        Binding<T> binding = new Binding<>(get, set);
        // the field's value now is what picocli restores before each parse (an annotated field's initial value)
        return OptionSpec.builder(names).type(type).getter(binding).setter(binding).initialValue(get.get());
    }

    /** A positional parameter bound to a field in the same way. */
    static <T> PositionalParamSpec.Builder positional(Class<T> type, Supplier<T> get, Consumer<T> set) {
        Binding<T> binding = new Binding<>(get, set);
        return PositionalParamSpec.builder().type(type).getter(binding).setter(binding).initialValue(get.get());
    }

    /** picocli's getter and setter (generic methods, so not lambdas) over a field's accessors. */
    private static final class Binding<T> implements IGetter, ISetter {
        private final Supplier<T> get;
        private final Consumer<T> set;

        Binding(Supplier<T> get, Consumer<T> set) {
            this.get = get;
            this.set = set;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V get() {
            return (V) get.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V set(V value) {
            V old = get();
            set.accept((T) value);
            return old;
        }
    }
}
