package nl.lvds.pipeline.review;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Sorts the lines of a job's part files ({@code <name>-<subtask>.part}, each line {@code
 * key<TAB>payload}) by key and hands the payloads in that order to a consumer: an external merge
 * sort, so millions of indicator lines need a bounded heap (runs of {@value #RUN_LINES} lines). The
 * order is a property of the data alone, so two runs write the same bytes.
 */
public final class SortedParts {

    /** Lines per in-memory run. */
    static final int RUN_LINES = 400_000;

    private SortedParts() {}

    /** The part files of {@code name} in {@code dir}, in name order. */
    static List<Path> parts(Path dir, String name) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(
                            p -> {
                                String f = p.getFileName().toString();
                                return f.startsWith(name + "-") && f.endsWith(".part");
                            })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Feeds the payloads of all parts of {@code name}, sorted by key, to {@code sink}.
     *
     * @return the number of lines
     */
    public static long forEachSorted(Path dir, String name, Consumer<String> sink) {
        return forEachSorted(dir, name, sink, RUN_LINES, new LongAdder());
    }

    /**
     * As {@link #forEachSorted(Path, String, Consumer)}, adding one to {@code work} for every line
     * read from a part and every line handed to {@code sink} (progress: twice the lines in all).
     */
    public static long forEachSorted(Path dir, String name, Consumer<String> sink, LongAdder work) {
        return forEachSorted(dir, name, sink, RUN_LINES, work);
    }

    /** As {@link #forEachSorted(Path, String, Consumer)} with runs of {@code runLines} lines. */
    static long forEachSorted(Path dir, String name, Consumer<String> sink, int runLines) {
        return forEachSorted(dir, name, sink, runLines, new LongAdder());
    }

    private static long forEachSorted(
            Path dir, String name, Consumer<String> sink, int runLines, LongAdder work) {
        List<Path> runs = new ArrayList<>();
        try {
            List<String> buffer = new ArrayList<>();
            for (Path part : parts(dir, name)) {
                try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        buffer.add(line);
                        work.increment();
                        if (buffer.size() >= runLines) {
                            runs.add(writeRun(dir, name, runs.size(), buffer));
                            buffer.clear();
                        }
                    }
                }
            }
            if (runs.isEmpty()) {
                Collections.sort(buffer);
                for (String line : buffer) {
                    sink.accept(payload(line));
                    work.increment();
                }
                return buffer.size();
            }
            if (!buffer.isEmpty()) {
                runs.add(writeRun(dir, name, runs.size(), buffer));
                buffer.clear();
            }
            return merge(runs, sink, work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Path run : runs) {
                try {
                    Files.deleteIfExists(run);
                } catch (IOException ignored) {
                    // a leftover run file in the work folder is harmless
                }
            }
        }
    }

    private static Path writeRun(Path dir, String name, int index, List<String> lines)
            throws IOException {
        Collections.sort(lines);
        Path run = dir.resolve(name + ".run" + index);
        try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
        return run;
    }

    private record Head(String line, BufferedReader reader) {}

    private static long merge(List<Path> runs, Consumer<String> sink, LongAdder work)
            throws IOException {
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.line().compareTo(b.line()));
        List<BufferedReader> readers = new ArrayList<>();
        long n = 0;
        try {
            for (Path run : runs) {
                BufferedReader r = Files.newBufferedReader(run, StandardCharsets.UTF_8);
                readers.add(r);
                String first = r.readLine();
                if (first != null) {
                    heads.add(new Head(first, r));
                }
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                sink.accept(payload(h.line()));
                work.increment();
                n++;
                String next = h.reader().readLine();
                if (next != null) {
                    heads.add(new Head(next, h.reader()));
                }
            }
        } finally {
            for (BufferedReader r : readers) {
                r.close();
            }
        }
        return n;
    }

    private static String payload(String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? line : line.substring(tab + 1);
    }
}
