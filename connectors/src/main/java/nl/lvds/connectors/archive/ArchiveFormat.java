package nl.lvds.connectors.archive;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;

/**
 * The file format of archive sources: a {@link JsonlFormat} per file, so that each file's dead
 * letters carry its name ({@code archive:<file name>}), which a plain {@code StreamFormat} never
 * sees. Decompression ({@code .gz} and the other extensions Flink knows) is done by Flink's stream
 * format adapter, by file name.
 *
 * @param <T> the record type
 */
public final class ArchiveFormat<T> implements BulkFormat<T, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private final JsonlFormat.LineDecoder<T> decoder;
    private final TypeInformation<T> type;

    /** A format that decodes each line with {@code decoder}. */
    public ArchiveFormat(JsonlFormat.LineDecoder<T> decoder, TypeInformation<T> type) {
        this.decoder = decoder;
        this.type = type;
    }

    /** The dead-letter source name of a split's file. */
    public static String sourceOf(FileSourceSplit split) {
        return "archive:" + split.path().getName();
    }

    private StreamFormatAdapter<T> adapterFor(FileSourceSplit split) {
        return new StreamFormatAdapter<>(new JsonlFormat<>(decoder, sourceOf(split), type));
    }

    @Override
    public Reader<T> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return adapterFor(split).createReader(config, split);
    }

    @Override
    public Reader<T> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return adapterFor(split).restoreReader(config, split);
    }

    @Override
    public boolean isSplittable() {
        return false; // gzip is not splittable, and line numbers need the whole file
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
