package nl.lvds.pipeline.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.records.CellIndicator;
import nl.lvds.pipeline.records.IncidentRef;

/** Test data: CellIndicators built fluently, defaulting to a quiet, non-suppressed 1 h cell. */
public final class Cells {

    /** One hour in ms. */
    public static final long H = 3_600_000L;

    /** A round hour to start from. */
    public static final long T0 = Instant.parse("2025-06-01T10:00:00Z").toEpochMilli();

    private String area = "Tarwewijk";
    private String district = "Charlois";
    private String topic = "all";
    private String window = "1h";
    private long end = T0 + H;
    private Integer signals = 40;
    private Integer hostile = 0;
    private Double tension = 20.0;
    private Double z = 0.0;
    private boolean suppressed;
    private final List<IncidentRef> incidents = new ArrayList<>();
    private List<String> sources = List.of("forum", "social");
    private List<String> topTerms = List.of("explosie", "schammenkamp");
    private Integer stories;
    private Integer authors;
    private Integer hostileStories;
    private Double expected;
    private Double pValue;
    private Double hostileExpected;
    private Double hostilePValue;

    private Cells() {}

    /** A wijk cell (Tarwewijk in Charlois), topic {@code all}, window ending T0 + 1 h. */
    public static Cells tarwewijk() {
        return new Cells();
    }

    /** The district cell Charlois. */
    public static Cells charlois() {
        Cells c = new Cells();
        c.area = "Charlois";
        return c;
    }

    /** The city cell. */
    public static Cells city() {
        Cells c = new Cells();
        c.area = "city";
        c.district = "city";
        return c;
    }

    public Cells topic(String value) {
        topic = value;
        return this;
    }

    public Cells window(String value) {
        window = value;
        return this;
    }

    /** The window end; the start is one window length earlier. */
    public Cells endingAt(long value) {
        end = value;
        return this;
    }

    public Cells signals(int value) {
        signals = value;
        return this;
    }

    public Cells hostile(int value) {
        hostile = value;
        return this;
    }

    /** Distinct stories (defaults to the signal count: no copies). */
    public Cells stories(int value) {
        stories = value;
        return this;
    }

    public Cells authors(int value) {
        authors = value;
        return this;
    }

    /** The stories test of contract v2: stories observed, expected and the p-value. */
    public Cells stories(int observed, double expectedCount, double p) {
        stories = observed;
        expected = expectedCount;
        pValue = p;
        return this;
    }

    /** The hostile-stories test of contract v2. */
    public Cells hostileStories(int observed, double expectedCount, double p) {
        hostileStories = observed;
        hostileExpected = expectedCount;
        hostilePValue = p;
        return this;
    }

    public Cells tension(double value) {
        tension = value;
        return this;
    }

    public Cells z(Double value) {
        z = value;
        return this;
    }

    /** Suppressed: all counts null, as the indicator operator emits it. */
    public Cells suppressed() {
        suppressed = true;
        return this;
    }

    public Cells incident(String id, long ts, int severity) {
        incidents.add(new IncidentRef(id, ts, "explosion", severity));
        return this;
    }

    public Cells sources(String... value) {
        sources = List.of(value);
        return this;
    }

    public Cells topTerms(String... value) {
        topTerms = List.of(value);
        return this;
    }

    public CellIndicator build() {
        long length = window.equals("24h") ? 24 * H : H;
        TensionIndicator ind =
                new TensionIndicator(
                        TensionIndicator.VERSION,
                        area,
                        district,
                        topic,
                        end - length,
                        end,
                        suppressed ? null : signals,
                        suppressed ? null : stories == null ? signals : stories,
                        suppressed ? null : authors,
                        suppressed ? null : signals - hostile,
                        suppressed ? null : 0,
                        suppressed ? null : hostile,
                        suppressed ? null : tension,
                        suppressed ? null : 30.0,
                        suppressed ? null : 5.0,
                        suppressed ? null : z,
                        incidents.size(),
                        suppressed,
                        "test-model-1",
                        suppressed ? null : hostileStories,
                        suppressed ? null : expected,
                        suppressed ? null : pValue,
                        suppressed ? null : hostileExpected,
                        suppressed ? null : hostilePValue);
        return new CellIndicator(
                ind,
                window,
                suppressed ? List.of() : topTerms,
                List.copyOf(incidents),
                suppressed ? List.of() : sources);
    }
}
