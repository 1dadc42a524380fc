package nl.lvds.pipeline.review;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import nl.lvds.models.event.TensionIndicator;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * {@code indicators.parquet}: the review's published indicators as an Apache Parquet file (one row
 * per published {@link TensionIndicator}; suppressed cells are counted in {@link Coverage}, not
 * written). Written and read through parquet-java's local files, without a Hadoop file system. The
 * columns are documented in docs/review.md; the file's key-value metadata holds {@code
 * lvds.outputFormat} and {@code lvds.contract}.
 */
public final class ParquetIndicators {

    /** The file's name in a review folder. */
    public static final String FILE = "indicators.parquet";

    private static final LogicalTypeAnnotation STRING = LogicalTypeAnnotation.stringType();
    private static final LogicalTypeAnnotation UTC_MILLIS =
            LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS);

    /** The schema: one row per published indicator. */
    public static final MessageType SCHEMA =
            Types.buildMessage()
                    .required(PrimitiveTypeName.INT32)
                    .named("v")
                    .required(PrimitiveTypeName.BINARY)
                    .as(STRING)
                    .named("area")
                    .required(PrimitiveTypeName.BINARY)
                    .as(STRING)
                    .named("district")
                    .required(PrimitiveTypeName.BINARY)
                    .as(STRING)
                    .named("topic")
                    .required(PrimitiveTypeName.BINARY)
                    .as(STRING)
                    .named("window")
                    .required(PrimitiveTypeName.INT64)
                    .as(UTC_MILLIS)
                    .named("windowStart")
                    .required(PrimitiveTypeName.INT64)
                    .as(UTC_MILLIS)
                    .named("windowEnd")
                    .optional(PrimitiveTypeName.INT32)
                    .named("signals")
                    .optional(PrimitiveTypeName.INT32)
                    .named("stories")
                    .optional(PrimitiveTypeName.INT32)
                    .named("distinctAuthors")
                    .optional(PrimitiveTypeName.INT32)
                    .named("calm")
                    .optional(PrimitiveTypeName.INT32)
                    .named("uneasy")
                    .optional(PrimitiveTypeName.INT32)
                    .named("hostile")
                    .optional(PrimitiveTypeName.DOUBLE)
                    .named("tensionIndex")
                    .optional(PrimitiveTypeName.DOUBLE)
                    .named("baselineMean")
                    .optional(PrimitiveTypeName.DOUBLE)
                    .named("baselineStd")
                    .optional(PrimitiveTypeName.DOUBLE)
                    .named("zScore")
                    .required(PrimitiveTypeName.INT32)
                    .named("incidents")
                    .optional(PrimitiveTypeName.BINARY)
                    .as(STRING)
                    .named("modelVersion")
                    .optional(PrimitiveTypeName.INT32)
                    .named("hostileStories")
                    .optional(PrimitiveTypeName.DOUBLE)
                    .named("expected")
                    .optional(PrimitiveTypeName.DOUBLE)
                    .named("pValue")
                    .optional(PrimitiveTypeName.DOUBLE)
                    .named("hostileExpected")
                    .optional(PrimitiveTypeName.DOUBLE)
                    .named("hostilePValue")
                    .named("indicator");

    private ParquetIndicators() {}

    /** The window label of an indicator: {@code 1h}, {@code 24h}, else its length in ms. */
    public static String window(long lengthMillis) {
        return lengthMillis == 3_600_000L
                ? "1h"
                : lengthMillis == 86_400_000L ? "24h" : lengthMillis + "ms";
    }

    /** Writes published indicators, in the order given, to a new Parquet file. */
    public static final class Writer implements Closeable {
        private final ParquetWriter<Group> out;
        private final SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        private long rows;

        /** A writer of {@code file} (replaced if it exists). */
        public Writer(Path file, Map<String, String> metadata) {
            try {
                Files.deleteIfExists(file);
                ExampleParquetWriter.Builder b = ExampleParquetWriter.builder();
                plainConfiguration(b);
                out =
                        b.withFile(new LocalOutputFile(file))
                                .withCodecFactory(new ZstdCodecs())
                                .withType(SCHEMA)
                                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                                .withCompressionCodec(CompressionCodecName.ZSTD)
                                .withDictionaryEncoding(true)
                                .withExtraMetaData(metadata)
                                .build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        /** Appends one published indicator. */
        public void write(TensionIndicator t) {
            if (t.suppressed()) {
                throw new IllegalArgumentException(
                        "suppressed indicators are not written to " + FILE);
            }
            Group g = groups.newGroup();
            g.add("v", t.v());
            g.add("area", t.area());
            g.add("district", t.district());
            g.add("topic", t.topic());
            g.add("window", window(t.windowEnd() - t.windowStart()));
            g.add("windowStart", t.windowStart());
            g.add("windowEnd", t.windowEnd());
            put(g, "signals", t.signals());
            put(g, "stories", t.stories());
            put(g, "distinctAuthors", t.distinctAuthors());
            put(g, "calm", t.calm());
            put(g, "uneasy", t.uneasy());
            put(g, "hostile", t.hostile());
            put(g, "tensionIndex", t.tensionIndex());
            put(g, "baselineMean", t.baselineMean());
            put(g, "baselineStd", t.baselineStd());
            put(g, "zScore", t.zScore());
            g.add("incidents", t.incidents());
            if (t.modelVersion() != null) {
                g.add("modelVersion", t.modelVersion());
            }
            put(g, "hostileStories", t.hostileStories());
            put(g, "expected", t.expected());
            put(g, "pValue", t.pValue());
            put(g, "hostileExpected", t.hostileExpected());
            put(g, "hostilePValue", t.hostilePValue());
            try {
                out.write(g);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rows++;
        }

        /** Rows written. */
        public long rows() {
            return rows;
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void put(Group g, String field, Integer v) {
            if (v != null) {
                g.add(field, v.intValue());
            }
        }

        private static void put(Group g, String field, Double v) {
            if (v != null) {
                g.add(field, v.doubleValue());
            }
        }
    }

    /** Reads the indicators of a Parquet file back, in file order. */
    public static final class Reader implements Closeable {
        private final ParquetFileReader file;
        private final MessageType schema;
        private RecordReader<Group> rows;
        private long left;

        /** A reader of {@code path}. */
        public Reader(Path path) {
            ParquetReadOptions options = readOptions();
            try {
                // open(InputFile, ParquetReadOptions) through a handle: its overload taking
                // Hadoop's Configuration and Path would make the compiler load Hadoop.
                file =
                        (ParquetFileReader)
                                MethodHandles.publicLookup()
                                        .findStatic(
                                                ParquetFileReader.class,
                                                "open",
                                                MethodType.methodType(
                                                        ParquetFileReader.class,
                                                        InputFile.class,
                                                        ParquetReadOptions.class))
                                        .invoke(new LocalInputFile(path), options);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot open " + path, e);
            }
            schema = file.getFooter().getFileMetaData().getSchema();
        }

        /** The file's key-value metadata. */
        public Map<String, String> metadata() {
            return file.getFooter().getFileMetaData().getKeyValueMetaData();
        }

        /** The file's row count. */
        public long rowCount() {
            return file.getRecordCount();
        }

        private Group nextGroup() throws IOException {
            while (left == 0) {
                PageReadStore pages = file.readNextRowGroup();
                if (pages == null) {
                    return null;
                }
                left = pages.getRowCount();
                rows =
                        new ColumnIOFactory()
                                .getColumnIO(schema)
                                .getRecordReader(pages, new GroupRecordConverter(schema));
            }
            left--;
            return rows.read();
        }

        /** The next indicator, or null at the end. */
        public TensionIndicator next() {
            Group g;
            try {
                g = nextGroup();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (g == null) {
                return null;
            }
            return new TensionIndicator(
                    g.getInteger("v", 0),
                    g.getString("area", 0),
                    g.getString("district", 0),
                    g.getString("topic", 0),
                    g.getLong("windowStart", 0),
                    g.getLong("windowEnd", 0),
                    integer(g, "signals"),
                    integer(g, "stories"),
                    integer(g, "distinctAuthors"),
                    integer(g, "calm"),
                    integer(g, "uneasy"),
                    integer(g, "hostile"),
                    real(g, "tensionIndex"),
                    real(g, "baselineMean"),
                    real(g, "baselineStd"),
                    real(g, "zScore"),
                    g.getInteger("incidents", 0),
                    false,
                    g.getFieldRepetitionCount("modelVersion") == 0
                            ? null
                            : g.getString("modelVersion", 0),
                    integer(g, "hostileStories"),
                    real(g, "expected"),
                    real(g, "pValue"),
                    real(g, "hostileExpected"),
                    real(g, "hostilePValue"));
        }

        @Override
        public void close() {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Integer integer(Group g, String field) {
            return g.getFieldRepetitionCount(field) == 0 ? null : g.getInteger(field, 0);
        }

        private static Double real(Group g, String field) {
            return g.getFieldRepetitionCount(field) == 0 ? null : g.getDouble(field, 0);
        }
    }

    /**
     * Read options with {@link ZstdCodecs} and no filters. parquet-java's public builder of read
     * options always creates its own codec factory, which needs Hadoop's codec classes; its
     * constructor taking every option is package-private, so it is called reflectively (the
     * read-back test fails if a parquet-java upgrade changes it).
     */
    private static ParquetReadOptions readOptions() {
        try {
            for (Constructor<?> c : ParquetReadOptions.class.getDeclaredConstructors()) {
                Class<?>[] p = c.getParameterTypes();
                if (p.length == 18
                        && p[11] == CompressionCodecFactory.class
                        && p[17] == ParquetConfiguration.class) {
                    c.setAccessible(true);
                    return (ParquetReadOptions)
                            c.newInstance(
                                    false, // signed string min/max
                                    false, // statistics filter
                                    false, // dictionary filter
                                    false, // record filter
                                    false, // column index filter
                                    false, // page checksum verification
                                    false, // bloom filter
                                    false, // off-heap decrypt buffer
                                    false, // Hadoop vectored IO
                                    FilterCompat.NOOP,
                                    ParquetMetadataConverter.NO_FILTER,
                                    new ZstdCodecs(),
                                    new HeapByteBufferAllocator(),
                                    8 * 1024 * 1024,
                                    new HashMap<String, String>(),
                                    null,
                                    null,
                                    new PlainParquetConfiguration());
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make Parquet read options", e);
        }
        throw new IllegalStateException(
                "this parquet-java has no ParquetReadOptions constructor of 18 options");
    }

    /**
     * {@code builder.withConf(new PlainParquetConfiguration())}, called reflectively: the method is
     * overloaded with one taking Hadoop's {@code Configuration}, which the compiler must then see,
     * and without it the writer makes a Hadoop configuration of its own.
     */
    private static void plainConfiguration(ParquetWriter.Builder<?, ?> builder) {
        try {
            MethodHandles.publicLookup()
                    .findVirtual(
                            ParquetWriter.Builder.class,
                            "withConf",
                            MethodType.methodType(
                                    ParquetWriter.Builder.class,
                                    org.apache.parquet.conf.ParquetConfiguration.class))
                    .invoke(builder, new PlainParquetConfiguration());
        } catch (Throwable e) {
            throw new IllegalStateException(
                    "parquet-java without withConf(ParquetConfiguration)", e);
        }
    }
}
