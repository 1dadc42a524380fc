package nl.lvds.dashboards.briefing;

import java.util.List;
import java.util.Locale;

/**
 * Small trend charts without numbers: an inline SVG polyline (HTML) and a Unicode block line
 * (Markdown, plain text). Missing or suppressed points (null) break the line and are never drawn as
 * values, so a suppressed cell shows no number, not even through the chart's scale.
 */
public final class Sparkline {

    private static final char[] BLOCKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {}

    /** An inline SVG of {@code width} x {@code height} px; no external resources. */
    public static String svg(List<Integer> values, int width, int height, String label) {
        int max = 1;
        for (Integer v : values) {
            if (v != null) {
                max = Math.max(max, v);
            }
        }
        int n = values.size();
        double dx = n <= 1 ? 0 : (width - 2.0) / (n - 1);
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(nl.lvds.dashboards.notify.Labels.html(label))
                .append("\" style=\"vertical-align:middle\">");
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i <= n; i++) {
            Integer v = i < n ? values.get(i) : null;
            if (v == null) {
                if (pts.length() > 0) {
                    b.append(
                                    "<polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.5\" points=\"")
                            .append(pts.toString().trim())
                            .append("\"/>");
                    pts.setLength(0);
                }
                continue;
            }
            double x = 1 + i * dx;
            double y = height - 2 - (height - 4.0) * v / max;
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            if (i + 1 >= n || values.get(i + 1) == null) {
                // A lone point would be invisible as a polyline: mark it with a dot.
                if (i == 0 || values.get(i - 1) == null) {
                    b.append(
                            String.format(
                                    Locale.ROOT,
                                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.5\" fill=\"#c0392b\"/>",
                                    x,
                                    y));
                }
            }
        }
        return b.append("</svg>").toString();
    }

    /** Unicode blocks, one per point; a middle dot for a missing or suppressed point. */
    public static String text(List<Integer> values) {
        int max = 1;
        for (Integer v : values) {
            if (v != null) {
                max = Math.max(max, v);
            }
        }
        StringBuilder b = new StringBuilder();
        for (Integer v : values) {
            if (v == null) {
                b.append('·');
            } else {
                b.append(BLOCKS[(int) Math.round((BLOCKS.length - 1) * (double) v / max)]);
            }
        }
        return b.toString();
    }
}
