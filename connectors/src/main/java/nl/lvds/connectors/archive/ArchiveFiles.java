package nl.lvds.connectors.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Selects the files of an archive in the generator's layout ({@code
 * DIR/signals/YYYY-MM-DD.jsonl.gz}, {@code DIR/incidents/YYYY-MM-DD.jsonl.gz}) whose date lies in a
 * closed range; also the {@link FileEnumerator} that hands them to a {@code FileSource}.
 *
 * <p>An input is either an archive root (its {@code <kind>/} directory is listed), a {@code <kind>}
 * directory itself, or a single file; a single file belongs to the kind its directory is named
 * after, and to {@code signals} when its directory is named neither. Files are named {@code
 * YYYY-MM-DD.jsonl}, optionally with a compression extension ({@code .gz}); other files (manifests,
 * hidden files) are ignored. A single file given explicitly is taken when its name carries a date
 * in range or carries no date at all (the caller chose it). An archive root without a {@code
 * <kind>/} directory contributes nothing (an archive may lack incidents). A missing input is an
 * error: a typo must not yield an empty review. Files are returned sorted by date, then path.
 */
public final class ArchiveFiles {

    /** Data file names: a date, {@code .jsonl}, an optional compression extension. */
    public static final Pattern FILE_NAME =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.jsonl(\\.(gz|gzip|deflate|bz2|xz))?");

    private static final String SIGNALS = "signals";
    private static final String INCIDENTS = "incidents";

    private ArchiveFiles() {}

    /**
     * The files of one kind ({@code signals} or {@code incidents}) in the inputs with a date in
     * {@code [from, to]}.
     *
     * @throws UncheckedIOException when an input does not exist or cannot be listed
     */
    public static List<Path> select(List<Path> inputs, String kind, LocalDate from, LocalDate to) {
        try {
            return selectOrThrow(inputs, kind, from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> selectOrThrow(
            List<Path> inputs, String kind, LocalDate from, LocalDate to) throws IOException {
        List<Dated> out = new ArrayList<>();
        for (Path given : inputs) {
            Path input = withoutTrailingSlash(given);
            FileSystem fs = input.getFileSystem();
            FileStatus status = fs.getFileStatus(input);
            if (!status.isDir()) {
                LocalDate d = dateOf(input.getName());
                if (kindOf(input).equals(kind) && (d == null || inRange(d, from, to))) {
                    out.add(new Dated(d == null ? LocalDate.MIN : d, input));
                }
                continue;
            }
            Path dir = input;
            if (!input.getName().equals(kind)) {
                Path sub = new Path(input, kind);
                if (!fs.exists(sub)) {
                    continue;
                }
                dir = sub;
            }
            FileStatus[] children = fs.listStatus(dir);
            if (children == null) {
                continue;
            }
            for (FileStatus child : children) {
                if (child.isDir()) {
                    continue;
                }
                LocalDate d = dateOf(child.getPath().getName());
                if (d != null && inRange(d, from, to)) {
                    out.add(new Dated(d, child.getPath()));
                }
            }
        }
        out.sort(Comparator.comparing(Dated::date).thenComparing(x -> x.path().toString()));
        return out.stream().map(Dated::path).distinct().toList();
    }

    /** A directory URI ends in a slash, which gives the path an empty name. */
    private static Path withoutTrailingSlash(Path p) {
        String s = p.toUri().toString();
        if (s.length() > 1 && s.endsWith("/") && !s.endsWith(":///")) {
            return new Path(s.substring(0, s.length() - 1));
        }
        return p;
    }

    /**
     * The kind of a single file: the name of its directory when that is {@code signals} or {@code
     * incidents}, else {@code signals} (the default contract).
     */
    static String kindOf(Path file) {
        Path parent = file.getParent();
        String dir = parent == null ? "" : parent.getName();
        return dir.equals(INCIDENTS) ? INCIDENTS : SIGNALS;
    }

    /** The date in an archive file name, or null when the name is not one. */
    public static LocalDate dateOf(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.parse(m.group(1));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean inRange(LocalDate d, LocalDate from, LocalDate to) {
        return !d.isBefore(from) && !d.isAfter(to);
    }

    private record Dated(LocalDate date, Path path) {}

    /**
     * Enumerates the selected files as one split each (whole files: gzip is not splittable). The
     * selection runs when the job starts, on the JobManager.
     */
    static final class Enumerator implements FileEnumerator {
        private final String kind;
        private final LocalDate from;
        private final LocalDate to;

        Enumerator(String kind, LocalDate from, LocalDate to) {
            this.kind = kind;
            this.from = from;
            this.to = to;
        }

        @Override
        public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits)
                throws IOException {
            List<FileSourceSplit> splits = new ArrayList<>();
            int id = 0;
            for (Path p : selectOrThrow(List.of(paths), kind, from, to)) {
                FileStatus st = p.getFileSystem().getFileStatus(p);
                splits.add(
                        new FileSourceSplit(
                                Integer.toString(id++),
                                p,
                                0,
                                st.getLen(),
                                st.getModificationTime(),
                                st.getLen()));
            }
            return splits;
        }
    }

    /** A serialisable provider of {@link Enumerator}s. */
    static final class EnumeratorProvider implements FileEnumerator.Provider {
        private static final long serialVersionUID = 1L;
        private final String kind;
        private final LocalDate from;
        private final LocalDate to;

        EnumeratorProvider(String kind, LocalDate from, LocalDate to) {
            this.kind = kind;
            this.from = from;
            this.to = to;
        }

        @Override
        public FileEnumerator create() {
            return new Enumerator(kind, from, to);
        }
    }
}
