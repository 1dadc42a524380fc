package nl.lvds.dashboards.briefing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A briefing with its renderings.
 *
 * @param briefing the content
 * @param subject mail subject
 * @param markdown Markdown text (file, and the mail's plain-text part)
 * @param html HTML document (file, and the mail's HTML part)
 */
public record RenderedBriefing(Briefing briefing, String subject, String markdown, String html) {

    /** Writes {@code base}.md and {@code base}.html (UTF-8) and returns both paths. */
    public List<Path> write(Path base) throws IOException {
        Path dir = base.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        String name = base.getFileName().toString();
        if (name.endsWith(".md") || name.endsWith(".html")) {
            name = name.substring(0, name.lastIndexOf('.'));
        }
        Path md = base.resolveSibling(name + ".md");
        Path html = base.resolveSibling(name + ".html");
        Files.writeString(md, markdown, StandardCharsets.UTF_8);
        Files.writeString(html, this.html, StandardCharsets.UTF_8);
        return List.of(md, html);
    }
}
