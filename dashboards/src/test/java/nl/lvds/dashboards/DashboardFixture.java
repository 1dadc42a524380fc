package nl.lvds.dashboards;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import nl.lvds.dashboards.auth.PasswordHasher;
import nl.lvds.dashboards.auth.Role;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test data and plumbing shared by the dashboard tests: config, topics, records, HTTP login. */
public final class DashboardFixture {

    /** The password of every test user. */
    public static final String PASSWORD = "test-password";

    /** A whole hour shortly before now: the newest window end of the test data. */
    public static final long NOW = Instant.now().truncatedTo(ChronoUnit.HOURS).toEpochMilli();

    private static final long HOUR = 3_600_000L;

    private DashboardFixture() {}

    /**
     * A dashboard config on a free port with three users (analist, adviseur, beheer) and a copy of
     * the shipped pipeline config whose minimum granularity is district (so wijk drill-downs are
     * refused).
     */
    public static DashboardConfig config(Path dir) throws IOException {
        String pipeline = Files.readString(Path.of("../config/lvds.yaml"));
        String changed =
                pipeline.replace("    area: wijk\n", "    area: district\n")
                        .replace(
                                "areaLevels: [wijk, district, city]",
                                "areaLevels: [district, city]")
                        .replace("areaLevels: [wijk, district]", "areaLevels: [district]");
        if (changed.equals(pipeline)) {
            throw new IllegalStateException("minGranularity.area not found in config/lvds.yaml");
        }
        Path pipelineFile = dir.resolve("lvds.yaml");
        Files.writeString(pipelineFile, changed);
        String hash = PasswordHasher.hash(PASSWORD.toCharArray(), 1_000);
        return new DashboardConfig(
                0,
                "127.0.0.1",
                pipelineFile,
                30,
                dir.resolve("state"),
                dir.resolve("state/audit.jsonl"),
                28,
                false,
                null,
                List.of(
                        new DashboardConfig.User("analist", Role.ANALYST, hash),
                        new DashboardConfig.User("adviseur", Role.ADVISER, hash),
                        new DashboardConfig.User("beheer", Role.ADMIN, hash)));
    }

    /** The provisional topic (lvds.indicators.early). */
    public static final String EARLY = "lvds.indicators.early";

    /** Creates the topics the dashboard reads (the test broker does not auto-create). */
    public static void createTopics(String bootstrap)
            throws ExecutionException, InterruptedException {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(
                            List.of(
                                    new NewTopic("lvds.indicators", 2, (short) 1),
                                    new NewTopic("lvds.alerts", 1, (short) 1),
                                    new NewTopic("lvds.incidents", 1, (short) 1),
                                    new NewTopic("lvds.deadletter", 1, (short) 1),
                                    new NewTopic("lvds.indicators.early", 2, (short) 1)))
                    .all()
                    .get();
        }
    }

    /** A producer of raw records. */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrap, String txId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        if (txId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
        }
        return new KafkaProducer<>(p);
    }

    /** Sends and flushes. */
    public static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, value)).get();
    }

    /** A non-suppressed indicator. */
    public static TensionIndicator indicator(
            String area, String district, String topic, int hours, long end, double index) {
        return new TensionIndicator(
                1,
                area,
                district,
                topic,
                end - hours * HOUR,
                end,
                40,
                35,
                null,
                20,
                12,
                8,
                index,
                30.0,
                5.0,
                2.0,
                1,
                false,
                "test-model-1");
    }

    /** A suppressed indicator: no counts. */
    public static TensionIndicator suppressed(
            String area, String district, String topic, int hours, long end) {
        return new TensionIndicator(
                1,
                area,
                district,
                topic,
                end - hours * HOUR,
                end,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                30.0,
                5.0,
                null,
                0,
                true,
                "test-model-1");
    }

    /**
     * A provisional 1 h indicator as the live job's early results carry it: counts so far, no
     * baseline, no z-score, no incidents.
     */
    public static TensionIndicator early(
            String area, String district, String topic, long end, int signals, double index) {
        return new TensionIndicator(
                1,
                area,
                district,
                topic,
                end - HOUR,
                end,
                signals,
                signals,
                null,
                signals / 2,
                signals / 4,
                signals - signals / 2 - signals / 4,
                index,
                null,
                null,
                null,
                0,
                false,
                "test-model-1");
    }

    /** A suppressed provisional 1 h indicator: no counts. */
    public static TensionIndicator earlySuppressed(
            String area, String district, String topic, long end) {
        return new TensionIndicator(
                1,
                area,
                district,
                topic,
                end - HOUR,
                end,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                true,
                "test-model-1");
    }

    /** An alert. */
    public static Alert alert(String id, String area, long end, List<String> topTerms) {
        return new Alert(
                1,
                id,
                end,
                area,
                "all",
                "warning",
                "hostility",
                72.5,
                4.2,
                end - HOUR,
                end,
                List.of("inc-1"),
                topTerms,
                List.of("social", "forum"),
                "test-model-1");
    }

    /**
     * A contract v2 indicator: {@code stories} distinct stories against {@code expected} for the
     * hour, with its p-value.
     */
    public static TensionIndicator indicatorV2(
            String area,
            String district,
            String topic,
            long end,
            double index,
            int stories,
            double expected,
            double pValue) {
        return new TensionIndicator(
                2,
                area,
                district,
                topic,
                end - HOUR,
                end,
                stories + 20,
                stories,
                null,
                stories / 2,
                stories / 3,
                stories - stories / 2 - stories / 3,
                index,
                30.0,
                5.0,
                2.0,
                1,
                false,
                "test-model-2",
                3,
                expected,
                pValue,
                1.0,
                0.3);
    }

    /**
     * A contract v2 event group about Charlois: leading cell Tarwewijk (a wijk, below the test
     * config's district granularity), then Charlois and the city; from update 1 on also Charlois x
     * migration.
     */
    public static Alert group(String id, int update, String status, String level, long end) {
        List<AlertCell> cells =
                new java.util.ArrayList<>(
                        List.of(
                                new AlertCell(
                                        "Tarwewijk",
                                        "Charlois",
                                        "local-incident",
                                        level,
                                        "volume",
                                        42,
                                        6.1,
                                        0.00002),
                                new AlertCell(
                                        "Charlois",
                                        "Charlois",
                                        "local-incident",
                                        "warning",
                                        "volume",
                                        61,
                                        19.4,
                                        0.0004),
                                new AlertCell(
                                        "city",
                                        "city",
                                        "local-incident",
                                        "watch",
                                        "volume",
                                        120,
                                        80.0,
                                        0.003)));
        if (update > 0) {
            cells.add(
                    new AlertCell(
                            "Charlois",
                            "Charlois",
                            "migration",
                            "watch",
                            "hostility",
                            12,
                            2.5,
                            0.004));
        }
        return new Alert(
                2,
                id,
                end,
                "Tarwewijk",
                "local-incident",
                level,
                "volume",
                81.0,
                null,
                end - HOUR,
                end,
                List.of("inc-1"),
                List.of("explosie", "schammenkamp"),
                List.of("social", "p2000"),
                "test-model-2",
                "Charlois",
                Alert.Kind.EVENT,
                status,
                update,
                end - update * 900_000L,
                cells,
                42,
                6.1,
                0.00002,
                null,
                null);
    }

    /** A contract v2 copy-paste burst, city-wide, migration: 199 copies, 199 author keys. */
    public static Alert burst(String id, long end) {
        return new Alert(
                2,
                id,
                end,
                "city",
                "migration",
                "watch",
                "coordinated",
                30.0,
                null,
                end - HOUR,
                end,
                List.of(),
                List.of("azc", "stop"),
                List.of("social"),
                "test-model-2",
                "city",
                Alert.Kind.COORDINATED,
                Alert.Status.RAISED,
                0,
                end,
                List.of(
                        new AlertCell(
                                "city", "city", "migration", "watch", "coordinated", 1, 0.4, null)),
                1,
                0.4,
                null,
                199,
                199);
    }

    /** An incident. */
    public static Incident incident(String id, String area, long ts) {
        return new Incident(1, id, "p2000", ts, "fire", 2, area, null, "Brand in woning");
    }

    /**
     * Writes the standard data set: Charlois with a 1 h and 24 h series, Pernis suppressed, the
     * city rollup, one incident and one alert in Charlois.
     */
    public static void produceBaseData(String bootstrap) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap, null)) {
            for (int h = 5; h >= 0; h--) {
                long end = NOW - h * HOUR;
                send(
                        p,
                        "lvds.indicators",
                        LvdsJson.encodeIndicator(
                                indicator(
                                        "Charlois", "Charlois", "all", 1, end, 40 + 5 * (5 - h))));
                send(
                        p,
                        "lvds.indicators",
                        LvdsJson.encodeIndicator(indicator("city", "city", "all", 1, end, 30)));
                send(
                        p,
                        "lvds.indicators",
                        LvdsJson.encodeIndicator(suppressed("Pernis", "Pernis", "all", 1, end)));
            }
            send(
                    p,
                    "lvds.indicators",
                    LvdsJson.encodeIndicator(
                            indicator("Charlois", "Charlois", "all", 24, NOW, 55)));
            send(
                    p,
                    "lvds.indicators",
                    LvdsJson.encodeIndicator(
                            indicator("Tarwewijk", "Charlois", "all", 1, NOW, 80)));
            send(
                    p,
                    "lvds.incidents",
                    LvdsJson.encodeIncident(incident("inc-1", "Tarwewijk", NOW - 2 * HOUR)));
            send(
                    p,
                    "lvds.alerts",
                    LvdsJson.encodeAlert(
                            alert("alert-1", "Charlois", NOW, List.of("brand", "buurt"))));
            send(p, "lvds.deadletter", "{\"reason\":\"test\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A logged-in HTTP session against a running server. */
    public static final class Browser {
        private final HttpClient http =
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final String base;
        private String cookie;
        private String csrf;

        /** A client for the server at {@code port}. */
        public Browser(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        /** Posts the login form; returns the response (303 either way). */
        public HttpResponse<String> login(String user, String password) throws Exception {
            String form = "username=" + user + "&password=" + password;
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/login"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            r.headers()
                    .firstValue("Set-Cookie")
                    .ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
            if (cookie != null) {
                String session = get("/api/session").body();
                int i = session.indexOf("\"csrf\":\"") + 8;
                csrf = session.substring(i, session.indexOf('"', i));
            }
            return r;
        }

        /** A GET with the session cookie, if any. */
        public HttpResponse<String> get(String path) throws Exception {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        /**
         * Opens a Server-Sent Events stream with the session cookie; the lines come as they arrive
         * (close the stream to disconnect).
         */
        public java.util.stream.Stream<String> events(String path) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            b.header("Accept", "text/event-stream");
            return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofLines()).body();
        }

        /** A POST with the session cookie and, when {@code withCsrf}, the CSRF header. */
        public HttpResponse<String> post(String path, boolean withCsrf) throws Exception {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            if (withCsrf && csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            return http.send(
                    b.POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
