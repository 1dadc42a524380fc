package nl.lvds.connectors.archive;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.inbound.InboundSignal;
import nl.lvds.connectors.kafka.JsonDeserializer;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.codec.DecodeError.Reason;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;

/**
 * Bounded file sources over archives in the generator's format ({@code
 * DIR/signals/YYYY-MM-DD.jsonl.gz}, {@code DIR/incidents/YYYY-MM-DD.jsonl.gz}, gzip JSON Lines),
 * for the review mode and for tests. Bad lines become dead letters with source {@code archive:<file
 * name>}, partition -1 and the line number as offset; the file selection rules are those of {@link
 * ArchiveFiles}.
 */
public final class ArchiveSources {

    /** The archive directory of signals. */
    public static final String SIGNALS = "signals";

    /** The archive directory of incidents. */
    public static final String INCIDENTS = "incidents";

    private ArchiveSources() {}

    /** Signals from the files of {@code inputs} dated within {@code [from, to]}. */
    public static FileSource<InboundSignal> signals(
            List<Path> inputs, LocalDate from, LocalDate to) {
        return source(
                inputs,
                SIGNALS,
                from,
                to,
                new ArchiveFormat<>(new SignalLines(), TypeInformation.of(InboundSignal.class)));
    }

    /**
     * Incidents (JSON contract) from the files of {@code inputs} dated within {@code [from, to]}.
     */
    public static FileSource<InboundIncident> incidents(
            List<Path> inputs, LocalDate from, LocalDate to) {
        return source(
                inputs,
                INCIDENTS,
                from,
                to,
                new ArchiveFormat<>(
                        new IncidentLines(), TypeInformation.of(InboundIncident.class)));
    }

    private static <T> FileSource<T> source(
            List<Path> inputs, String kind, LocalDate from, LocalDate to, ArchiveFormat<T> format) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no archive input given");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        org.apache.flink.core.fs.Path[] paths =
                inputs.stream()
                        .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
                        .toArray(org.apache.flink.core.fs.Path[]::new);
        // The enumerator runs at job start and may select no file at all (an archive without
        // incidents): the source then simply finishes.
        return FileSource.forBulkFileFormat(format, paths)
                .setFileEnumerator(new ArchiveFiles.EnumeratorProvider(kind, from, to))
                .build();
    }

    /** Decodes signal lines. */
    static final class SignalLines implements JsonlFormat.LineDecoder<InboundSignal> {
        private static final long serialVersionUID = 1L;
        private static final JsonDeserializer<Signal, InboundSignal> SIGNALS =
                JsonDeserializer.signals();

        @Override
        public InboundSignal decode(byte[] line, boolean oversized, String source, long lineNo) {
            if (oversized) {
                return InboundSignal.dead(
                        DeadLetters.of(
                                new DecodeError(Reason.OVERSIZED_RECORD, null),
                                DeadLetter.SIGNAL,
                                source,
                                -1,
                                lineNo,
                                line));
            }
            return SIGNALS.decode(line, source, -1, lineNo);
        }
    }

    /** Decodes incident lines. */
    static final class IncidentLines implements JsonlFormat.LineDecoder<InboundIncident> {
        private static final long serialVersionUID = 1L;
        private static final JsonDeserializer<Incident, InboundIncident> INCIDENTS =
                JsonDeserializer.incidents();

        @Override
        public InboundIncident decode(byte[] line, boolean oversized, String source, long lineNo) {
            if (oversized) {
                return InboundIncident.dead(
                        DeadLetters.of(
                                new DecodeError(Reason.OVERSIZED_RECORD, null),
                                DeadLetter.INCIDENT,
                                source,
                                -1,
                                lineNo,
                                line));
            }
            return INCIDENTS.decode(line, source, -1, lineNo);
        }
    }
}
