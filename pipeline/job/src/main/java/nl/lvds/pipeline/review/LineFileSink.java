package nl.lvds.pipeline.review;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A batch-mode sink writing one text line per element to {@code <dir>/<name>-<subtask>.part}. The
 * review job collates and sorts these parts afterwards ({@link ReviewOutputs}), so the order the
 * parallel subtasks wrote in does not matter. Not for streaming: no transactions, no rolling (a
 * failed review is simply run again).
 *
 * @param <T> element type
 */
public final class LineFileSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String dir;
    private final String name;
    private final MapFunction<T, String> toLine;

    /**
     * A sink into {@code dir}, part files prefixed {@code name}.
     *
     * @param toLine the line of an element, without line break
     */
    public LineFileSink(Path dir, String name, MapFunction<T, String> toLine) {
        this.dir = dir.toAbsolutePath().toString();
        this.name = name;
        this.toLine = toLine;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path file =
                Path.of(dir)
                        .resolve(
                                name
                                        + "-"
                                        + context.getTaskInfo().getIndexOfThisSubtask()
                                        + ".part");
        Files.createDirectories(file.getParent());
        return new Writer<>(file, toLine);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final BufferedWriter out;
        private final MapFunction<T, String> toLine;

        Writer(Path file, MapFunction<T, String> toLine) throws IOException {
            this.out =
                    new BufferedWriter(
                            new OutputStreamWriter(
                                    Files.newOutputStream(file), StandardCharsets.UTF_8),
                            1 << 16);
            this.toLine = toLine;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            try {
                out.write(toLine.map(element));
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
