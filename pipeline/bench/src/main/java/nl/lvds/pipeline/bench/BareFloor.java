package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.util.concurrent.atomic.LongAdder;
import nl.lvds.connectors.inbound.InboundSignal;
import nl.lvds.connectors.kafka.KafkaSinks;
import nl.lvds.connectors.kafka.KafkaSources;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Signal;
import nl.lvds.pipeline.functions.Buckets;
import nl.lvds.pipeline.job.TensionTopology;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The bare plumbing floor (benchmark only): the live job's connectors and codec without any of its
 * operators. The same Kafka source of signals (the same JSON deserializer, read_committed, the same
 * watermark strategy), keyed by the signal's area, a 15-minute tumbling event-time window counting
 * signals, and a small JSON record per area and window written through an exactly-once Kafka sink
 * with the job's sink settings; checkpoints as the live job ({@code LiveJob.configure}). No privacy
 * gate, classification, cell fan-out, buckets, indicators, alerts or early results: the cost of the
 * plumbing alone, which the full path's rate is compared with.
 */
public final class BareFloor {

    /** Signals decoded in this JVM (the bench's first-record clock). */
    public static final LongAdder DECODED_IN_THIS_JVM = new LongAdder();

    /** The area key of a signal without one. */
    static final String NO_AREA = "";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BareFloor() {}

    /**
     * The output record: signals of one area in one 15-minute window.
     *
     * @param area the signal's area as sent ({@value #NO_AREA} when it has none)
     * @param windowStart window start, epoch milliseconds
     * @param windowEnd window end (exclusive), epoch milliseconds
     * @param signals signals counted
     */
    public record AreaCount(String area, long windowStart, long windowEnd, long signals)
            implements Serializable {}

    /**
     * Adds the bare job to an environment configured by {@code LiveJob.configure}: the signals
     * topic of {@code config} in (committed offsets of its group, else the earliest), the
     * indicators topic of {@code config} out.
     *
     * @param bounded the source stops at the offsets latest at job start
     */
    public static void addTo(StreamExecutionEnvironment env, LvdsConfig config, boolean bounded) {
        LvdsConfig.Kafka kafka = config.kafka();
        String bootstrap = kafka.bootstrapServers();
        DataStream<Signal> signals =
                env.fromSource(
                                KafkaSources.signals(
                                        bootstrap,
                                        kafka.topics().signals(),
                                        kafka.groupId(),
                                        OffsetsInitializer.committedOffsets(
                                                OffsetResetStrategy.EARLIEST),
                                        bounded),
                                TensionTopology.signalWatermarks(
                                        TensionTopology.Settings.from(config)),
                                "signals")
                        .uid("source-signals")
                        .flatMap(new Decoded())
                        .uid("decoded")
                        .name("Decoded signals");
        counts(signals)
                .sinkTo(
                        KafkaSinks.json(
                                bootstrap,
                                kafka.topics().indicators(),
                                "lvds-bare-floor",
                                AreaCount::area,
                                BareFloor::encode))
                .uid("sink-area-counts")
                .name("Area counts");
    }

    /** Signals keyed by area, counted per 15-minute tumbling event-time window. */
    public static SingleOutputStreamOperator<AreaCount> counts(DataStream<Signal> signals) {
        return signals.keyBy(BareFloor::areaKey)
                .window(TumblingEventTimeWindows.of(Buckets.SIZE))
                .aggregate(new Count(), new Stamp())
                .uid("area-windows")
                .name("15-min area counts");
    }

    static String areaKey(Signal s) {
        return s.area() == null ? NO_AREA : s.area();
    }

    /** The JSON of an output record. */
    public static byte[] encode(AreaCount c) {
        try {
            return JSON.writeValueAsBytes(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an output record. */
    public static AreaCount decode(byte[] json) throws IOException {
        return JSON.readValue(json, AreaCount.class);
    }

    /** The decoded signals of the source; undecodable records are dropped. */
    static final class Decoded implements FlatMapFunction<InboundSignal, Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(InboundSignal in, Collector<Signal> out) {
            if (in.signal() != null) {
                DECODED_IN_THIS_JVM.increment();
                out.collect(in.signal());
            }
        }
    }

    /** Counts the signals of a window. */
    static final class Count implements AggregateFunction<Signal, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Signal s, Long n) {
            return n + 1;
        }

        @Override
        public Long getResult(Long n) {
            return n;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** Stamps a window's count with its area and bounds. */
    static final class Stamp extends ProcessWindowFunction<Long, AreaCount, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                String area, Context ctx, Iterable<Long> counts, Collector<AreaCount> out) {
            for (Long n : counts) {
                out.collect(new AreaCount(area, ctx.window().getStart(), ctx.window().getEnd(), n));
            }
        }
    }
}
