import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders icons/phasewise.svg to the PNG sizes the stage and jpackage use, with Java2D only (the
 * icon is rounded rectangles; no SVG library or ImageMagick needed). Run from the project root:
 * {@code java package/RenderIcons.java}. Writes icons/phasewise-N.png and copies them to
 * src/main/resources/dev/phasewise/ui/icons/.
 */
public class RenderIcons {
    private static final Pattern RECT = Pattern.compile("<rect ([^>]*)/>");
    private static final Pattern ATTR = Pattern.compile("([a-z]+)=\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        String svg = Files.readString(Path.of("icons/phasewise.svg"));
        Path resources = Path.of("src/main/resources/dev/phasewise/ui/icons");
        Files.createDirectories(resources);
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.scale(size / 64.0, size / 64.0);
            Matcher m = RECT.matcher(svg);
            while (m.find()) {
                java.util.Map<String, String> a = new java.util.HashMap<>();
                Matcher am = ATTR.matcher(m.group(1));
                while (am.find()) {
                    a.put(am.group(1), am.group(2));
                }
                double rx = Double.parseDouble(a.getOrDefault("rx", "0"));
                g.setColor(Color.decode(a.get("fill")));
                g.fill(new RoundRectangle2D.Double(d(a, "x"), d(a, "y"), d(a, "width"), d(a, "height"), 2 * rx, 2 * rx));
            }
            g.dispose();
            Path out = Path.of("icons/phasewise-" + size + ".png");
            ImageIO.write(img, "png", out.toFile());
            Files.copy(out, resources.resolve(out.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static double d(java.util.Map<String, String> a, String k) {
        return Double.parseDouble(a.get(k));
    }
}
