package dev.phasewise.runbook;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The print HTML laid out into PDF pages by openhtmltopdf, with DejaVu fonts embedded. */
public final class PdfRunbook {
    static {
        // openhtmltopdf logs every layout through java.util.logging to stderr; the core prints nothing
        XRLog.setLoggingEnabled(false);
    }

    private PdfRunbook() {
    }

    public static byte[] render(RunbookModel model, Paper paper) {
        String html = HtmlRunbook.render(model, HtmlRunbook.Medium.PRINT, paper);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            font(b, "DejaVuSans.ttf", "DejaVu Sans", 400);
            font(b, "DejaVuSans-Bold.ttf", "DejaVu Sans", 700);
            font(b, "DejaVuSansMono.ttf", "DejaVu Sans Mono", 400);
            font(b, "DejaVuSansMono-Bold.ttf", "DejaVu Sans Mono", 700);
            b.withHtmlContent(html, null);
            b.withProducer("Phasewise");
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void font(PdfRendererBuilder b, String file, String family, int weight) {
        b.useFont(() -> {
            InputStream in = PdfRunbook.class.getResourceAsStream("/fonts/" + file);
            if (in == null) {
                throw new IllegalStateException("font resource /fonts/" + file + " is missing");
            }
            return in;
        }, family, weight, BaseRendererBuilder.FontStyle.NORMAL, true);
    }

    /** Each page of a PDF as an image, e.g. for a print preview; {@code dpi} 96 is screen size. */
    public static List<BufferedImage> pageImages(byte[] pdf, float dpi) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer r = new PDFRenderer(doc);
            List<BufferedImage> pages = new ArrayList<>();
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                pages.add(r.renderImageWithDPI(i, dpi));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
