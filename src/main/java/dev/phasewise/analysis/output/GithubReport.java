package dev.phasewise.analysis.output;

import java.io.PrintWriter;

/**
 * GitHub Actions workflow commands ({@code ::error file=...,line=...::message}): run in a workflow,
 * each becomes an annotation on the pull request's line. Values are escaped as the runner expects
 * ({@code %}, CR and LF in the message; also {@code :} and {@code ,} in the properties).
 */
public final class GithubReport {

    public void write(Report report, PrintWriter out) {
        for (Annotation a : Annotation.of(report)) {
            String level = switch (a.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            out.println("::" + level + " file=" + property(a.file()) + ",line=" + a.line() + ",col=" + a.column()
                    + ",title=" + property(a.rule().equals("input-error") ? "phasewise input error"
                    : "phasewise " + a.rule() + " " + a.ruleName()) + "::"
                    + data(a.messageWithFix()));
        }
        out.flush();
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
