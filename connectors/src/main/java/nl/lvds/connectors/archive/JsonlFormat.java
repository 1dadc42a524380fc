package nl.lvds.connectors.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import nl.lvds.models.codec.LvdsJson;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads one JSON Lines file and turns every non-blank line into a record with a {@link
 * LineDecoder}, which gets the 1-based line number so that bad lines become dead letters pointing
 * at their line.
 *
 * <p>Lines are read as bytes (not through a {@code Reader}) so the decoder sees invalid UTF-8 as it
 * is instead of replacement characters. A line longer than {@link LvdsJson#MAX_RECORD_BYTES} is not
 * kept in memory: the decoder gets its first bytes and the flag {@code oversized}. Blank lines
 * produce no record (a trailing newline is normal), but they count for line numbers. On restore
 * from a checkpoint the file is read again from its start and the records already emitted are
 * skipped, so line numbers stay right.
 *
 * @param <T> the record type
 */
public final class JsonlFormat<T> extends SimpleStreamFormat<T> {

    private static final long serialVersionUID = 1L;

    /** Decodes one line into a record; never throws. */
    public interface LineDecoder<T> extends java.io.Serializable {
        /**
         * @param line the bytes of the line without the line end
         * @param oversized whether the line was longer than {@link LvdsJson#MAX_RECORD_BYTES} (then
         *     {@code line} holds only its start)
         * @param source the source name for dead letters ({@code archive:<file name>})
         * @param lineNumber the 1-based line number
         */
        T decode(byte[] line, boolean oversized, String source, long lineNumber);
    }

    private final LineDecoder<T> decoder;
    private final String source;
    private final TypeInformation<T> type;

    /** A format for one file, whose dead letters name {@code source}. */
    public JsonlFormat(LineDecoder<T> decoder, String source, TypeInformation<T> type) {
        this.decoder = decoder;
        this.source = source;
        this.type = type;
    }

    @Override
    public StreamFormat.Reader<T> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader<>(stream, decoder, source);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    private static final class LineReader<T> implements StreamFormat.Reader<T> {
        private final InputStream in;
        private final LineDecoder<T> decoder;
        private final String source;
        // Own buffering: one bulk read per 64 KiB instead of a (synchronised) call per byte.
        private final byte[] chunk = new byte[1 << 16];
        private int pos;
        private int limit;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private long lineNumber;
        private boolean eof;

        LineReader(InputStream in, LineDecoder<T> decoder, String source) {
            this.in = in;
            this.decoder = decoder;
            this.source = source;
        }

        @Override
        public T read() throws IOException {
            while (!eof) {
                line.reset();
                boolean oversized = false;
                boolean any = false;
                boolean newline = false;
                while (!newline) {
                    if (pos == limit) {
                        limit = in.read(chunk, 0, chunk.length);
                        pos = 0;
                        if (limit <= 0) {
                            limit = 0;
                            eof = true;
                            break;
                        }
                    }
                    int start = pos;
                    while (pos < limit && chunk[pos] != '\n') {
                        pos++;
                    }
                    int n = pos - start;
                    if (n > 0) {
                        any = true;
                        int room = LvdsJson.MAX_RECORD_BYTES - line.size();
                        if (n > room) {
                            oversized = true;
                        }
                        if (room > 0) {
                            line.write(chunk, start, Math.min(n, room));
                        }
                    }
                    if (pos < limit) {
                        pos++; // the newline
                        newline = true;
                    }
                }
                if (!newline && !any) {
                    return null; // end of file right after a newline
                }
                lineNumber++;
                byte[] bytes = line.toByteArray();
                int len = bytes.length;
                if (!oversized && len > 0 && bytes[len - 1] == '\r') {
                    bytes = Arrays.copyOf(bytes, len - 1);
                }
                if (!oversized && isBlank(bytes)) {
                    continue;
                }
                return decoder.decode(bytes, oversized, source, lineNumber);
            }
            return null;
        }

        private static boolean isBlank(byte[] line) {
            for (byte c : line) {
                if (c != ' ' && c != '\t' && c != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
