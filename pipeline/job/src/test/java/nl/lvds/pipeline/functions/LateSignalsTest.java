package nl.lvds.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.pipeline.generate.BadRecords;
import nl.lvds.pipeline.records.CellSignal;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class LateSignalsTest {

    static CellSignal cell(String area, String topic) {
        long ts = Instant.parse("2024-03-07T17:40:12Z").toEpochMilli();
        return new CellSignal(
                area, "Charlois", topic, ts, 2, "social", 42L, 7L, 1L, List.of("explosie"));
    }

    static List<DeadLetter> run(CellSignal... cells) {
        List<DeadLetter> out = new ArrayList<>();
        Collector<DeadLetter> c =
                new Collector<>() {
                    @Override
                    public void collect(DeadLetter d) {
                        out.add(d);
                    }

                    @Override
                    public void close() {}
                };
        LateSignals f = new LateSignals(Duration.ofMinutes(5));
        for (CellSignal s : cells) {
            f.flatMap(s, c);
        }
        return out;
    }

    @Test
    void shouldReportOneDeadLetterPerSignalThroughItsCityWideAllTopicsCell() {
        List<DeadLetter> out =
                run(
                        cell("Tarwewijk", "all"),
                        cell("Charlois", "local-incident"),
                        cell("city", "local-incident"),
                        cell("city", "all"));
        assertThat(out).hasSize(1);
        DeadLetter d = out.get(0);
        assertThat(d.reason()).isEqualTo(LateSignals.REASON);
        assertThat(d.field()).isEqualTo("ts");
        assertThat(d.contract()).isEqualTo(DeadLetter.SIGNAL);
        assertThat(d.excerpt())
                .contains("2024-03-07T17:30:00Z", "\"allowedLatenessMinutes\":5", "social");
    }

    @Test
    void shouldNotCarryTermsOrHashesIntoTheDeadLetter() {
        DeadLetter d = run(cell("city", "all")).get(0);
        assertThat(d.excerpt()).doesNotContain("explosie", "42", "Tarwewijk");
    }

    @Test
    void shouldGiveTheReasonTheGeneratorsLateRecordsExpect() {
        assertThat(LateSignals.REASON).isEqualTo(BadRecords.LATE_EVENT_REASON);
    }
}
