package dev.phasewise.runbook;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.testing.Golden;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runbooks of every sample plan, in every format; the PDF read back as text and as page images. */
class RunbookTest {
    static final Path SAMPLES = Golden.project("migrations-samples");
    static final Path REHEARSAL = Golden.project("src/test/resources/runbook/add-article-summary.rehearsal.json");
    static final Path OUT = Golden.project("target/runbooks");
    /** What production holds in the example: 3× the rehearsal's articles. */
    static final Target PRODUCTION = new Target("app_production", "PostgreSQL 17.2",
            Map.of("articles_article", 12_639_000L));

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".plan.yaml")).sorted().toList().stream();
        }
    }

    static SchemaModel schema() throws IOException {
        SchemaModel m = new SchemaModel();
        SchemaFiles.apply(m, Files.readString(SAMPLES.resolve("schema.sql")), p -> { });
        return m;
    }

    static Runbook runbook(Path plan, Rehearsal rehearsal, Target target) throws Exception {
        Plan p = PlanFiles.read(plan);
        return Runbook.analyze(plan.toString(), p, schema(), null, target, rehearsal);
    }

    static Runbook example() throws Exception {
        return runbook(SAMPLES.resolve("add-article-summary.plan.yaml"), Rehearsal.read(REHEARSAL), PRODUCTION);
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc);
        }
    }

    static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleRendersInEveryFormatWithAllItsSql(Path sample) throws Exception {
        Runbook rb = runbook(sample, null, null);
        Plan plan = rb.model().plan();
        String html = rb.html();
        String md = rb.markdown();
        byte[] pdf = rb.pdf(Paper.A4);
        String name = sample.getFileName().toString().replace(".plan.yaml", "");
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name + ".pdf"), pdf);
        Files.writeString(OUT.resolve(name + ".html"), html);
        Files.writeString(OUT.resolve(name + ".md"), md);

        String pdfText = squeeze(text(pdf));
        for (Plan.Placed placed : plan.steps()) {
            for (Action a : placed.step().forward()) {
                assertTrue(pdfText.contains(squeeze(a.sql())), name + ": PDF lacks forward SQL " + a.sql());
                assertTrue(md.contains(a.sql().strip()), name + ": Markdown lacks forward SQL " + a.sql());
            }
            if (placed.step().rollback().reversible()) {
                for (Action a : placed.step().rollback().actions()) {
                    assertTrue(pdfText.contains(squeeze(a.sql())), name + ": PDF lacks rollback SQL " + a.sql());
                }
            } else {
                assertTrue(pdfText.contains(squeeze(placed.step().rollback().irreversibleBecause())), name);
            }
            assertTrue(pdfText.contains(squeeze(placed.step().title())), name + ": " + placed.step().title());
        }
        assertSelfContained(html);
        assertTrue(html.contains("<pre class=\"sql\">"), name);
    }

    static void assertSelfContained(String html) {
        assertFalse(html.contains("http"), "HTML names no URL at all");
        Matcher src = Pattern.compile("\\b(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (src.find()) {
            String v = src.group(1);
            assertTrue(v.startsWith("#") || v.startsWith("data:"), "external reference " + v);
        }
        assertFalse(html.contains("<link"), "no stylesheet link");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("url("), "no CSS url()");
        assertFalse(html.contains("@import"), "no CSS import");
    }

    @Test
    void pdfHoldsTheRehearsalTimingsPageNumbersAndContents() throws Exception {
        byte[] pdf = example().pdf(Paper.A4);
        Files.createDirectories(OUT);
        Files.write(OUT.resolve("example-a4.pdf"), pdf);
        String text = text(pdf);
        String flat = text.replaceAll("\\s+", " ");
        // the rehearsal's measurements
        assertTrue(flat.contains("4,213,000 rows in 843 batches, 6 min 10 s at 11,374 rows/s, 2 batch retries, "
                + "batch p99 61 ms"), flat);
        assertTrue(flat.contains("done in 38 ms, 1 retry, 1 lock wait beyond lock_timeout"), flat);
        assertTrue(flat.contains("done in 16 s"), flat);
        assertTrue(flat.contains("Production has 3.0× the rehearsal's rows of articles_article (12,639,000 vs "
                + "4,213,000) → expect ~18 min 31 s"), flat);
        assertTrue(flat.contains("run 2026-11-20-staging-01 on app_staging (PostgreSQL 17.11)"), flat);
        assertTrue(flat.contains("app_production"), flat);
        assertTrue(flat.contains("slower than 5,687 rows/s"), flat);
        // page numbers on every page
        int pages;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            pages = doc.getNumberOfPages();
        }
        assertTrue(pages >= 4, "cover, contents, three phases: " + pages);
        for (int i = 1; i <= pages; i++) {
            assertTrue(flat.contains("Page " + i + " of " + pages), "page number " + i);
        }
        // contents with page numbers: a step title followed by dots and its page
        assertTrue(flat.contains("Contents"));
        Matcher toc = Pattern.compile("1\\. add column articles_article\\.summary varchar\\(300\\)[ .]*(\\d+)")
                .matcher(flat);
        assertTrue(toc.find(), flat);
        int page = Integer.parseInt(toc.group(1));
        assertTrue(page > 2 && page <= pages, "the first step is after cover and contents: " + page);
        // fonts are embedded
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var resources = doc.getPage(0).getResources();
            int fonts = 0;
            for (var name : resources.getFontNames()) {
                var font = resources.getFont(name);
                assertTrue(font.getName().contains("DejaVuSans"), font.getName());
                assertTrue(font.isEmbedded(), font.getName());
                fonts++;
            }
            assertTrue(fonts > 0);
        }
    }

    /** A batched delete is run by the backfill's engine: its runbook step has the batched abort criteria, in its words. */
    @Test
    void aBatchedDeleteHasTheBatchedAbortCriteriaAndSaysItsRowsAreGone() throws Exception {
        Plan plan = PlanFiles.parse("purge.plan.yaml", """
                version: 1
                name: purge drafts
                phases:
                  backfill:
                    steps:
                      - kind: batched-delete
                        table: articles_article
                        where: status = 'draft'
                """);
        String md = Runbook.analyze("purge.plan.yaml", plan, schema(), null, null, null).markdown();
        assertTrue(md.contains("The batched delete runs slower than"), md);
        assertTrue(md.contains("pause the batched delete"), md);
        assertTrue(md.contains("grows with the rows to delete"), md);
        assertTrue(md.contains("the deleted rows are gone: restore them from a backup"), md);
        assertTrue(md.contains("DELETE FROM \"articles_article\" WHERE \"id\" > $1 AND \"id\" <= $2 AND "
                + "(status = 'draft')"), md);
    }

    @Test
    void letterAndA4PagesHaveTheirSizes() throws Exception {
        Runbook rb = example();
        try (PDDocument a4 = Loader.loadPDF(rb.pdf(Paper.A4)); PDDocument letter = Loader.loadPDF(rb.pdf(Paper.LETTER))) {
            PDRectangle a = a4.getPage(0).getMediaBox();
            PDRectangle l = letter.getPage(0).getMediaBox();
            assertEquals(595.3, a.getWidth(), 1);
            assertEquals(841.9, a.getHeight(), 1);
            assertEquals(612, l.getWidth(), 1);
            assertEquals(792, l.getHeight(), 1);
        }
    }

    @Test
    void nonLatinTextPrintsWithTheEmbeddedFont() throws Exception {
        Plan plan = PlanFiles.parse("unicode.plan.yaml", """
                version: 1
                name: Статьи — résumé 摘要
                description: Ελληνικά and русский text in a plan.
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: articles_article
                        column: summary
                        type: text
                """);
        byte[] pdf = Runbook.analyze("unicode.plan.yaml", plan, schema(), null, null, null).pdf(Paper.A4);
        String text = text(pdf);
        assertTrue(text.contains("Статьи — résumé"), text);
        assertTrue(text.contains("Ελληνικά and русский"), text);
    }

    @Test
    void markdownGolden() throws Exception {
        Golden.assertMatches(Golden.project("src/test/resources/golden/runbook/add-article-summary.md"),
                example().markdown());
    }

    @Test
    void htmlOfTheExampleIsSelfContainedWithAnSvgChart() throws Exception {
        String html = example().html();
        assertSelfContained(html);
        assertTrue(html.contains("<svg class=\"chart\""));
        String print = example().printHtml(Paper.A4);
        assertTrue(print.contains("src=\"data:image/png;base64,"));
    }

    @Test
    void rehearsalRoundTripsThroughJson() throws Exception {
        Rehearsal r = Rehearsal.read(REHEARSAL);
        assertEquals("2026-11-20-staging-01", r.runId());
        assertEquals(4_213_000L, r.tableRows().get("articles_article"));
        BackfillTiming b = r.step("backfill-articles_article").orElseThrow().backfill();
        assertEquals(843, b.batches());
        assertTrue(b.samples().size() > 10);
        assertEquals(r, Rehearsal.parse("again", r.toJson()));
    }

    @Test
    void badRehearsalsAreRefusedWithFileAndLine() {
        RunbookException e = assertThrows(RunbookException.class, () -> Rehearsal.parse("r.json",
                "{\n  \"run_id\": \"x\",\n  \"stepz\": []\n}"));
        assertTrue(e.problems().get(0).startsWith("r.json:") && e.getMessage().contains("stepz"), e.getMessage());
        RunbookException other = assertThrows(RunbookException.class, () -> runbook(
                SAMPLES.resolve("pg-trgm-extension.plan.yaml"), Rehearsal.read(REHEARSAL), null));
        assertTrue(other.getMessage().contains("'backfill-articles_article' that this plan does not"), other.getMessage());
    }

    /** Page images for eyes: target/runbooks/*.png (and docs/ with -Dphasewise.updateGolden=true). */
    @Test
    void pagesRenderToImages() throws Exception {
        Runbook rb = example();
        byte[] a4 = rb.pdf(Paper.A4);
        byte[] letter = rb.pdf(Paper.LETTER);
        Files.createDirectories(OUT);
        List<BufferedImage> pages = PdfRunbook.pageImages(a4, 80);
        for (int i = 0; i < pages.size(); i++) {
            ImageIO.write(pages.get(i), "png", OUT.resolve("example-a4-p" + (i + 1) + ".png").toFile());
        }
        List<BufferedImage> lp = PdfRunbook.pageImages(letter, 80);
        for (int i = 0; i < lp.size(); i++) {
            ImageIO.write(lp.get(i), "png", OUT.resolve("example-letter-p" + (i + 1) + ".png").toFile());
        }
        for (Path sample : samples().toList()) {
            String name = sample.getFileName().toString().replace(".plan.yaml", "");
            List<BufferedImage> sp = PdfRunbook.pageImages(runbook(sample, null, null).pdf(Paper.A4), 60);
            for (int i = 0; i < sp.size(); i++) {
                ImageIO.write(sp.get(i), "png", OUT.resolve(name + "-p" + (i + 1) + ".png").toFile());
            }
        }
        assertEquals(595 * 80 / 72, pages.get(0).getWidth(), 1);
        if (Golden.updating()) {
            Files.write(Golden.project("docs/runbook-example.pdf"), a4);
            ImageIO.write(PdfRunbook.pageImages(a4, 72).get(0), "png",
                    Golden.project("docs/runbook-example.png").toFile());
        }
    }
}
