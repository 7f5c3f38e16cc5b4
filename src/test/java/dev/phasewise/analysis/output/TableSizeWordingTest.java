package dev.phasewise.analysis.output;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.schema.TableSize;
import dev.phasewise.analysis.sql.QualifiedName;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One output about one table names its size one way: the size on disk (heap, indexes, TOAST) and the heap a
 * scan reads are both labelled, so "2.4 GB" in a finding and "2.2 GB" in its estimate no longer look like two
 * answers to one question.
 */
class TableSizeWordingTest {
    private static final long GB = 1L << 30;

    @Test
    void everySizeInTheOutputSaysWhichSizeItIs() {
        SchemaModel schema = SchemaFiles.of("CREATE TABLE articles_article (id bigint PRIMARY KEY, summary text);");
        schema.find(QualifiedName.of("articles_article")).orElseThrow()
                .setSize(new TableSize(1_000_000, (long) (2.2 * GB), (long) (0.15 * GB), (long) (0.05 * GB)));
        Throughput throughput = new Throughput(200e6, 50e6, 80e6, "test");
        FileAnalysis result = new Analyzer(PgVersion.DEFAULT).withThroughput(throughput).analyze("m.sql",
                "SET lock_timeout = '2s';\nALTER TABLE articles_article ALTER COLUMN summary SET NOT NULL;\n"
                        + "ALTER TABLE articles_article ALTER COLUMN id TYPE numeric;\n", schema);
        StringWriter text = new StringWriter();
        new TextReport(false, false).write(new Report(List.of(result), 17), new PrintWriter(text));
        String out = text.toString();

        assertTrue(out.contains("(1.0 M rows, 2.4 GB on disk, heap 2.2 GB)"), out);
        assertTrue(out.contains("scan of the 2.2 GB heap (1.0 M rows)"), out);
        assertTrue(out.contains("rewrite of 2.4 GB on disk (1.0 M rows)"), out);
        Matcher sizes = Pattern.compile("(\\S+ )?\\d+\\.\\d GB( on disk| heap)?").matcher(out);
        int seen = 0;
        for (; sizes.find(); seen++) {
            String around = sizes.group();
            assertTrue("heap ".equals(sizes.group(1)) || sizes.group(2) != null,
                    "an unlabelled size: '" + around + "' in\n" + out);
        }
        assertTrue(seen >= 6, seen + " sizes in\n" + out);
    }
}
