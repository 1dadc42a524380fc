package nl.lvds.connectors.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes a small archive in the generator's layout, with bad lines, for archive tests. */
final class TestArchive {

    static final String CANARY = "De kanarie zingt om middernacht, mail kanarie@example.org";

    private TestArchive() {}

    static String signal(String id, String day, String extra) {
        return "{\"v\":1,\"id\":\""
                + id
                + "\",\"source\":\"social\",\"ts\":\""
                + day
                + "T10:00:00+02:00\",\"text\":\"Drukte bij de Schammenkamp\""
                + extra
                + "}";
    }

    static String incident(String id, String day) {
        return "{\"v\":1,\"id\":\""
                + id
                + "\",\"feed\":\"p2000\",\"ts\":\""
                + day
                + "T10:00:00Z\",\"type\":\"fire\",\"severity\":2}";
    }

    /**
     * Day 2024-05-01 of signals: line 1 ok, 2 blank, 3 malformed (canary), 4 ok with author, 5
     * missing text, 6 invalid UTF-8, 7 ok with CRLF; 2024-05-02: one ok line; 2024-04-30: one ok
     * line (outside the usual range); incidents 2024-05-01: one ok, one wrong type.
     */
    static Path write(Path root) throws IOException {
        Path signals = Files.createDirectories(root.resolve("signals"));
        Path incidents = Files.createDirectories(root.resolve("incidents"));
        ByteArrayOutputStream day1 = new ByteArrayOutputStream();
        line(day1, signal("s-1", "2024-05-01", ""));
        line(day1, "");
        line(day1, "{\"v\":1,\"id\":\"s-bad\",\"text\":\"" + CANARY);
        line(day1, signal("s-2", "2024-05-01", ",\"author\":\"Jan\""));
        line(
                day1,
                "{\"v\":1,\"id\":\"s-3\",\"source\":\"social\",\"ts\":\"2024-05-01T10:00:00Z\"}");
        day1.write(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});
        day1.write(signal("s-4", "2024-05-01", "").getBytes(StandardCharsets.UTF_8));
        day1.write("\r\n".getBytes(StandardCharsets.UTF_8));
        gzip(signals.resolve("2024-05-01.jsonl.gz"), day1.toByteArray());

        ByteArrayOutputStream day2 = new ByteArrayOutputStream();
        line(day2, signal("s-5", "2024-05-02", ""));
        gzip(signals.resolve("2024-05-02.jsonl.gz"), day2.toByteArray());

        ByteArrayOutputStream day0 = new ByteArrayOutputStream();
        line(day0, signal("s-0", "2024-04-30", ""));
        gzip(signals.resolve("2024-04-30.jsonl.gz"), day0.toByteArray());

        ByteArrayOutputStream inc = new ByteArrayOutputStream();
        line(inc, incident("i-1", "2024-05-01"));
        line(inc, incident("i-2", "2024-05-01").replace("\"severity\":2", "\"severity\":\"hoog\""));
        gzip(incidents.resolve("2024-05-01.jsonl.gz"), inc.toByteArray());

        Files.writeString(root.resolve("manifest.json"), "{\"note\":\"not data\"}");
        Files.writeString(signals.resolve("README.txt"), "not data");
        return root;
    }

    private static void line(ByteArrayOutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    private static void gzip(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }
}
