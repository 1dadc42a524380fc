package nl.lvds.pipeline.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The live job seen from outside, as an operator would: how far its Kafka source has committed on
 * the signals topic (the Flink Kafka source commits its offsets to the consumer group when a
 * checkpoint completes, so the lag moves in checkpoint steps), the end offsets of the output
 * topics, and the size of its checkpoints on disk.
 */
final class JobProbe implements AutoCloseable {

    private static final Pattern CHK = Pattern.compile("chk-(\\d+)");

    /** One reading; -1 where unknown. */
    record Reading(
            long signalsEnd,
            long signalsCommitted,
            long indicatorsEnd,
            long alertsEnd,
            long deadLettersEnd,
            long checkpointId,
            long checkpointBytes,
            long checkpointDirBytes) {

        long lag() {
            return signalsEnd < 0 || signalsCommitted < 0 ? -1 : signalsEnd - signalsCommitted;
        }
    }

    private final Admin admin;
    private final String group;
    private final String signals;
    private final List<String> outputs;
    private final Path checkpoints;

    JobProbe(
            String bootstrap,
            String group,
            String signals,
            String indicators,
            String alerts,
            String deadLetters,
            Path checkpoints) {
        this.admin =
                Admin.create(
                        Map.of(
                                "bootstrap.servers", bootstrap,
                                "request.timeout.ms", "10000",
                                "default.api.timeout.ms", "15000"));
        this.group = group;
        this.signals = signals;
        this.outputs = List.of(indicators, alerts, deadLetters);
        this.checkpoints = checkpoints;
    }

    Reading read() {
        Map<String, Long> end = new HashMap<>();
        long committed = -1;
        try {
            List<String> topics = new ArrayList<>(outputs);
            topics.add(signals);
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            for (var d :
                    admin.describeTopics(topics)
                            .allTopicNames()
                            .get(15, TimeUnit.SECONDS)
                            .values()) {
                d.partitions()
                        .forEach(
                                p ->
                                        req.put(
                                                new TopicPartition(d.name(), p.partition()),
                                                OffsetSpec.latest()));
            }
            admin.listOffsets(req)
                    .all()
                    .get(15, TimeUnit.SECONDS)
                    .forEach((tp, info) -> end.merge(tp.topic(), info.offset(), Long::sum));
            Map<TopicPartition, OffsetAndMetadata> c =
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(15, TimeUnit.SECONDS);
            long sum = 0;
            boolean any = false;
            for (var e : c.entrySet()) {
                if (e.getKey().topic().equals(signals) && e.getValue() != null) {
                    sum += e.getValue().offset();
                    any = true;
                }
            }
            committed = any ? sum : 0;
        } catch (Exception e) {
            // the broker is busy or gone: unknown this time
        }
        long[] cp = checkpoint(checkpoints);
        return new Reading(
                end.getOrDefault(signals, -1L),
                committed,
                end.getOrDefault(outputs.get(0), -1L),
                end.getOrDefault(outputs.get(1), -1L),
                end.getOrDefault(outputs.get(2), -1L),
                cp[0],
                cp[1],
                cp[2]);
    }

    /**
     * The newest completed checkpoint under {@code dir} (a {@code chk-N} folder holding {@code
     * _metadata}): its id and bytes, and the bytes of the whole folder (retained checkpoints plus
     * shared state); -1 when there is none yet.
     */
    static long[] checkpoint(Path dir) {
        long id = -1;
        long bytes = -1;
        long total = 0;
        if (!Files.isDirectory(dir)) {
            return new long[] {-1, -1, -1};
        }
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> chk = new ArrayList<>();
            for (Path p : (Iterable<Path>) all::iterator) {
                try {
                    if (Files.isRegularFile(p)) {
                        total += Files.size(p);
                    } else if (CHK.matcher(p.getFileName().toString()).matches()) {
                        chk.add(p);
                    }
                } catch (IOException gone) {
                    // a checkpoint being discarded
                }
            }
            for (Path c : chk) {
                Matcher m = CHK.matcher(c.getFileName().toString());
                m.matches();
                long n = Long.parseLong(m.group(1));
                if (n > id && Files.exists(c.resolve("_metadata"))) {
                    long size = size(c);
                    if (size >= 0) {
                        id = n;
                        bytes = size;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {id, bytes, total};
        }
        return new long[] {id, bytes, total};
    }

    private static long size(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    return 0;
                                }
                            })
                    .sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
