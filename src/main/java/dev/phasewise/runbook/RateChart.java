package dev.phasewise.runbook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A backfill's rows/s over time: inline SVG for HTML, a PNG drawn with Java2D for the PDF
 * (openhtmltopdf needs an extra Batik module for SVG). Both show the rehearsal's mean rate and
 * the abort floor.
 */
final class RateChart {
    static final int WIDTH = 560;
    static final int HEIGHT = 180;
    private static final int LEFT = 64;
    private static final int RIGHT = 12;
    private static final int TOP = 22;
    private static final int BOTTOM = 32;

    private RateChart() {
    }

    private record Scale(double maxX, double maxY) {
        double x(double s) {
            return LEFT + s / maxX * (WIDTH - LEFT - RIGHT);
        }

        double y(double r) {
            return TOP + (1 - r / maxY) * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static Scale scale(BackfillTiming b) {
        double maxX = b.samples().stream().mapToDouble(BackfillTiming.Sample::secondsSinceStart).max().orElse(1);
        double maxY = b.samples().stream().mapToDouble(BackfillTiming.Sample::rowsPerSecond).max().orElse(1);
        return new Scale(Math.max(1, maxX), niceCeil(Math.max(maxY, b.liveRowsPerSecond()) * 1.05));
    }

    static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(1, v))));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** 0, 5 k, 10 k, 12.5 k, 950 */
    static String rateLabel(double r) {
        if (r >= 1000) {
            double k = r / 1000;
            return (k == Math.rint(k) ? String.valueOf((long) k) : String.format(Locale.ROOT, "%.1f", k)) + " k";
        }
        return String.valueOf(Math.round(r));
    }

    /** Round ticks: every 10 s, 30 s, 1, 2, 5, 10, 15, 30 or 60 min, about 4 to 8 of them. */
    static List<Double> timeTicks(double max) {
        double step = 10;
        for (double s : new double[] {10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200}) {
            step = s;
            if (max / s <= 7) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = 0; t <= max + 1e-9; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String timeLabel(double s) {
        long t = Math.round(s);
        return t >= 60 ? (t / 60) + ":" + String.format(Locale.ROOT, "%02d", t % 60) : t + " s";
    }

    static String svg(BackfillTiming b, double floor) {
        Scale sc = scale(b);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"backfill rows per second over time\">");
        s.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>");
        for (int i = 0; i <= 4; i++) {
            double r = sc.maxY() * i / 4;
            double y = sc.y(r);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#e3e3e3\"/>");
            s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">")
                    .append(Html.escape(rateLabel(r))).append("</text>");
        }
        for (double t : timeTicks(sc.maxX())) {
            s.append("<text x=\"").append(fmt(sc.x(t))).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
                    .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">").append(timeLabel(t))
                    .append("</text>");
        }
        s.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 2)
                .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">time since start</text>");
        s.append("<text x=\"4\" y=\"").append(12).append("\" font-size=\"11\" fill=\"#555\">rows/s</text>");
        line(s, sc, b.liveRowsPerSecond(), "#2b6cb0", "mean");
        if (floor > 0) {
            line(s, sc, floor, "#c53030", "abort below");
        }
        StringBuilder path = new StringBuilder();
        for (BackfillTiming.Sample p : b.samples()) {
            path.append(path.length() == 0 ? "M" : " L").append(fmt(sc.x(p.secondsSinceStart()))).append(' ')
                    .append(fmt(sc.y(p.rowsPerSecond())));
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1a202c\" stroke-width=\"1.8\"/>");
        s.append("</svg>");
        return s.toString();
    }

    private static void line(StringBuilder s, Scale sc, double rate, String color, String label) {
        double y = sc.y(rate);
        s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"").append(color)
                .append("\" stroke-dasharray=\"5 4\"/>");
        s.append("<text x=\"").append(WIDTH - RIGHT - 4).append("\" y=\"").append(fmt(y - 4))
                .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"").append(color).append("\">")
                .append(label).append(' ').append(Html.escape(Words.rate(rate))).append("</text>");
    }

    /** The same chart as PNG bytes, drawn at {@code zoom} times the SVG's size (2 prints crisply). */
    static byte[] png(BackfillTiming b, double floor, int zoom) {
        Scale sc = scale(b);
        BufferedImage img = new BufferedImage(WIDTH * zoom, HEIGHT * zoom, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(zoom, zoom);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Font font = font().deriveFont(10.5f);
            g.setFont(font);
            var fm = g.getFontMetrics();
            for (int i = 0; i <= 4; i++) {
                double r = sc.maxY() * i / 4;
                int y = (int) Math.round(sc.y(r));
                g.setColor(new Color(0xe3e3e3));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(new Color(0x555555));
                String l = rateLabel(r);
                g.drawString(l, LEFT - 6 - fm.stringWidth(l), y + 4);
            }
            for (double t : timeTicks(sc.maxX())) {
                String l = timeLabel(t);
                g.drawString(l, (float) sc.x(t) - fm.stringWidth(l) / 2f, HEIGHT - BOTTOM + 16);
            }
            String axis = "time since start";
            g.drawString(axis, WIDTH - RIGHT - fm.stringWidth(axis), HEIGHT - 2);
            g.drawString("rows/s", 4, 12);
            pngLine(g, sc, b.liveRowsPerSecond(), new Color(0x2b6cb0), "mean");
            if (floor > 0) {
                pngLine(g, sc, floor, new Color(0xc53030), "abort below");
            }
            Path2D path = new Path2D.Double();
            List<BackfillTiming.Sample> samples = b.samples();
            for (int i = 0; i < samples.size(); i++) {
                double x = sc.x(samples.get(i).secondsSinceStart());
                double y = sc.y(samples.get(i).rowsPerSecond());
                if (i == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
            }
            g.setColor(new Color(0x1a202c));
            g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void pngLine(Graphics2D g, Scale sc, double rate, Color color, String label) {
        int y = (int) Math.round(sc.y(rate));
        g.setColor(color);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5, 4}, 0));
        g.drawLine(LEFT, y, WIDTH - RIGHT, y);
        g.setStroke(new BasicStroke(1f));
        String text = label + " " + Words.rate(rate);
        g.drawString(text, WIDTH - RIGHT - 4 - g.getFontMetrics().stringWidth(text), y - 4);
    }

    private static Font font;

    private static synchronized Font font() {
        if (font == null) {
            try (InputStream in = RateChart.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
                font = Font.createFont(Font.TRUETYPE_FONT, in);
            } catch (Exception e) {
                font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
            }
        }
        return font;
    }
}
