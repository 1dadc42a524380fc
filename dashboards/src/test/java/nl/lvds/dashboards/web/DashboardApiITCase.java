package nl.lvds.dashboards.web;

import static nl.lvds.dashboards.DashboardFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.dashboards.DashboardConfig;
import nl.lvds.dashboards.DashboardFixture;
import nl.lvds.dashboards.DashboardFixture.Browser;
import nl.lvds.dashboards.DashboardServer;
import nl.lvds.models.codec.LvdsJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functional API tests: a real in-process Kafka broker, the real server, a real HTTP client. Auth,
 * roles, CSRF, the drill-down guard and its audit entry, suppression, read_committed, and the
 * restore from Kafka after a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardApiITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;

    private static EmbeddedKafka kafka;
    private static DashboardConfig config;
    private static DashboardServer server;

    @BeforeAll
    static void startAll() throws Exception {
        kafka = EmbeddedKafka.start();
        DashboardFixture.createTopics(kafka.bootstrapServers());
        DashboardFixture.produceBaseData(kafka.bootstrapServers());
        // An alert in an aborted transaction must never show (read_committed), one in a committed
        // transaction must.
        try (KafkaProducer<byte[], byte[]> tx =
                DashboardFixture.producer(kafka.bootstrapServers(), "test-tx")) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(
                    new ProducerRecord<>(
                            "lvds.alerts",
                            LvdsJson.encodeAlert(
                                    DashboardFixture.alert(
                                            "aborted-alert", "Centrum", NOW, List.of("x")))));
            tx.flush();
            tx.abortTransaction();
            tx.beginTransaction();
            tx.send(
                    new ProducerRecord<>(
                            "lvds.alerts",
                            LvdsJson.encodeAlert(
                                    DashboardFixture.alert(
                                            "committed-alert", "Noord", NOW, List.of("y")))));
            tx.commitTransaction();
        }
        config = DashboardFixture.config(dir);
        server = DashboardServer.start(config, kafka.bootstrapServers());
        assertThat(server.awaitRestored(Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static List<JsonNode> audit() throws Exception {
        return Files.readAllLines(config.auditLog()).stream()
                .map(
                        l -> {
                            try {
                                return JSON.readTree(l);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .toList();
    }

    @Test
    @Order(1)
    void shouldRequireLoginEverywhereExceptHealth() throws Exception {
        Browser anon = new Browser(server.port());
        assertThat(anon.get("/health").statusCode()).isEqualTo(200);
        assertThat(anon.get("/api/overview").statusCode()).isEqualTo(401);
        assertThat(anon.get("/api/series?area=Charlois&window=1h").statusCode()).isEqualTo(401);
        assertThat(anon.get("/api/events").statusCode()).isEqualTo(401);
        assertThat(anon.get("/metrics").statusCode()).isEqualTo(401);
        HttpResponse<String> page = anon.get("/");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login");
        assertThat(anon.get("/login").statusCode()).isEqualTo(200);
        // Static code is public (the login page needs it); the libraries behind the pages are not.
        assertThat(anon.get("/assets/app.js").statusCode()).isEqualTo(200);
        assertThat(anon.get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").statusCode())
                .isEqualTo(303);

        HttpResponse<String> bad = anon.login("analist", "wrong");
        assertThat(bad.headers().firstValue("Location")).contains("/login?error=1");
        assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(anon.get("/api/overview").statusCode()).isEqualTo(401);
        assertThat(audit())
                .anySatisfy(
                        e -> {
                            assertThat(e.get("action").asText()).isEqualTo("login-failed");
                            assertThat(e.get("filter").get("username").asText())
                                    .isEqualTo("analist");
                        });
        assertThat(Files.readString(config.auditLog())).doesNotContain("wrong");
    }

    @Test
    @Order(2)
    void shouldSetSessionCookieAndSecurityHeaders() throws Exception {
        Browser b = new Browser(server.port());
        HttpResponse<String> r = b.login("analist", DashboardFixture.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(303);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        HttpResponse<String> page = b.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>").contains("/assets/app.js");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(b.get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void shouldServeOverviewWithoutNumbersForSuppressedCells() throws Exception {
        Browser b = new Browser(server.port());
        b.login("analist", DashboardFixture.PASSWORD);
        JsonNode ov = json(b.get("/api/overview"));
        assertThat(ov.get("areas")).hasSize(15);
        JsonNode charlois = find(ov, "Charlois", "1h");
        assertThat(charlois.get("tensionIndex").asDouble()).isEqualTo(65.0);
        assertThat(charlois.get("band").asText()).isEqualTo("elevated");
        assertThat(charlois.get("trend").asText()).isEqualTo("up");
        assertThat(charlois.get("baselineMean").asDouble()).isEqualTo(30.0);
        assertThat(find(ov, "Charlois", "24h").get("tensionIndex").asDouble()).isEqualTo(55.0);
        JsonNode pernis = find(ov, "Pernis", "1h");
        assertThat(pernis.get("suppressed").asBoolean()).isTrue();
        for (String numeric :
                List.of(
                        "tensionIndex",
                        "signals",
                        "baselineMean",
                        "zScore",
                        "incidents",
                        "band",
                        "trend")) {
            assertThat(pernis.has(numeric)).as(numeric).isFalse();
        }
        // The series of a suppressed cell has no numbers either.
        JsonNode s = json(b.get("/api/series?area=Pernis&topic=all&window=1h&range=24h"));
        assertThat(s.get("points"))
                .hasSize(6)
                .allSatisfy(
                        p -> {
                            assertThat(p.get("suppressed").asBoolean()).isTrue();
                            assertThat(p.has("signals")).isFalse();
                            assertThat(p.has("tensionIndex")).isFalse();
                        });
    }

    private static JsonNode find(JsonNode ov, String area, String window) {
        for (JsonNode c : ov.get("cells")) {
            if (c.get("area").asText().equals(area)
                    && c.get("topic").asText().equals("all")
                    && c.get("window").asText().equals(window)) {
                return c;
            }
        }
        throw new AssertionError("no cell " + area + " " + window);
    }

    @Test
    @Order(4)
    void shouldServeSeriesWithIncidentsAndAlerts() throws Exception {
        Browser b = new Browser(server.port());
        b.login("adviseur", DashboardFixture.PASSWORD);
        JsonNode s = json(b.get("/api/series?area=charlois&topic=all&window=1h&range=24h"));
        assertThat(s.get("area").asText()).isEqualTo("Charlois");
        assertThat(s.get("points")).hasSize(6);
        assertThat(s.get("incidents")).hasSize(1);
        assertThat(s.get("incidents").get(0).get("area").asText()).isEqualTo("Tarwewijk");
        assertThat(s.get("alerts")).hasSize(1);
    }

    @Test
    @Order(5)
    void shouldRefuseDrillDownBelowMinimumGranularityAndAuditIt() throws Exception {
        Browser b = new Browser(server.port());
        b.login("analist", DashboardFixture.PASSWORD);
        HttpResponse<String> wijk =
                b.get("/api/series?area=Tarwewijk&topic=all&window=1h&range=24h");
        assertThat(wijk.statusCode()).isEqualTo(403);
        assertThat(wijk.body()).doesNotContain("80");
        assertThat(b.get("/api/series?area=Schammenkamp&window=24h").statusCode()).isEqualTo(403);
        assertThat(b.get("/api/series?area=Charlois&window=15m").statusCode()).isEqualTo(403);
        assertThat(b.get("/api/series?area=Nowhere&window=1h").statusCode()).isEqualTo(400);
        assertThat(audit())
                .anySatisfy(
                        e -> {
                            assertThat(e.get("action").asText()).isEqualTo("refused-granularity");
                            assertThat(e.get("user").asText()).isEqualTo("analist");
                            assertThat(e.get("status").asInt()).isEqualTo(403);
                            assertThat(e.get("filter").get("area").asText()).isEqualTo("Tarwewijk");
                            assertThat(e.get("ts").asText()).isNotBlank();
                        });
        // The overview never lists wijk cells.
        assertThat(b.get("/api/overview").body()).doesNotContain("Tarwewijk");
    }

    @Test
    @Order(6)
    void shouldShowOnlyCommittedAlerts() throws Exception {
        Browser b = new Browser(server.port());
        b.login("analist", DashboardFixture.PASSWORD);
        String alerts = b.get("/api/alerts").body();
        assertThat(alerts)
                .contains("committed-alert")
                .contains("alert-1")
                .doesNotContain("aborted-alert");
    }

    @Test
    @Order(7)
    void shouldEnforceCsrfAndRolesOnAcknowledge() throws Exception {
        Browser adviser = new Browser(server.port());
        adviser.login("adviseur", DashboardFixture.PASSWORD);
        assertThat(adviser.post("/api/alerts/alert-1/ack", true).statusCode()).isEqualTo(403);
        assertThat(adviser.get("/api/sources").statusCode()).isEqualTo(403);
        assertThat(adviser.get("/api/audit").statusCode()).isEqualTo(403);

        Browser analyst = new Browser(server.port());
        analyst.login("analist", DashboardFixture.PASSWORD);
        assertThat(analyst.post("/api/alerts/alert-1/ack", false).statusCode()).isEqualTo(403);
        assertThat(json(analyst.get("/api/alerts")).get("alerts").get(0).has("acknowledgedBy"))
                .isFalse();
        HttpResponse<String> ok = analyst.post("/api/alerts/alert-1/ack", true);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("acknowledgedBy").asText()).isEqualTo("analist");
        assertThat(analyst.get("/api/audit").statusCode()).isEqualTo(403);
        JsonNode health = json(analyst.get("/api/sources"));
        assertThat(health.get("restored").asBoolean()).isTrue();
        assertThat(health.get("modelVersion").asText()).isEqualTo("test-model-1");
        assertThat(health.get("deadLetters").asLong()).isEqualTo(1);

        Browser admin = new Browser(server.port());
        admin.login("beheer", DashboardFixture.PASSWORD);
        HttpResponse<String> auditTail = admin.get("/api/audit");
        assertThat(auditTail.statusCode()).isEqualTo(200);
        assertThat(auditTail.body())
                .contains("\"action\":\"acknowledge\"")
                .contains("csrf-refused");
        String metrics = admin.get("/metrics").body();
        assertThat(metrics)
                .contains("lvds_dashboard_consumer_lag")
                .contains("lvds_dashboard_login_failures_total")
                .contains("lvds_dashboard_sse_clients")
                .contains("lvds_dashboard_records_consumed_total");
    }

    @Test
    @Order(8)
    void shouldRestoreStateFromKafkaAndKeepAcknowledgementsAfterRestart() throws Exception {
        // The whole state an analyst sees, before the restart.
        Browser before = new Browser(server.port());
        before.login("analist", DashboardFixture.PASSWORD);
        JsonNode overviewBefore = json(before.get("/api/overview"));
        Map<String, String> seriesBefore = allSeries(before, overviewBefore);
        JsonNode alertsBefore = json(before.get("/api/alerts")).get("alerts");

        server.close();
        // An alert committed while the dashboard is down: it must show after the restart, once.
        try (KafkaProducer<byte[], byte[]> tx =
                DashboardFixture.producer(kafka.bootstrapServers(), "test-tx-down")) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(
                    new ProducerRecord<>(
                            "lvds.alerts",
                            LvdsJson.encodeAlert(
                                    DashboardFixture.alert(
                                            "alert-while-down",
                                            "Noord",
                                            NOW - 3_600_000L,
                                            List.of("z")))));
            tx.commitTransaction();
        }
        long t0 = System.nanoTime();
        server = DashboardServer.start(config, kafka.bootstrapServers());
        assertThat(server.awaitRestored(Duration.ofSeconds(30))).isTrue();
        double restoreSeconds = (System.nanoTime() - t0) / 1e9;

        Browser b = new Browser(server.port());
        b.login("analist", DashboardFixture.PASSWORD);
        JsonNode ov = json(b.get("/api/overview"));
        assertThat(ov).as("the overview after the restart").isEqualTo(overviewBefore);
        assertThat(find(ov, "Charlois", "1h").get("tensionIndex").asDouble()).isEqualTo(65.0);
        Map<String, String> seriesAfter = allSeries(b, ov);
        assertThat(seriesAfter.keySet()).isEqualTo(seriesBefore.keySet());
        for (String k : seriesBefore.keySet()) {
            assertThat(withoutAlert(seriesAfter.get(k), "alert-while-down"))
                    .as("series %s after the restart", k)
                    .isEqualTo(withoutAlert(seriesBefore.get(k), "alert-while-down"));
        }
        JsonNode s = json(b.get("/api/series?area=Charlois&topic=all&window=1h&range=24h"));
        assertThat(s.get("points")).hasSize(6);

        // Alerts: every one from before, unchanged (the acknowledgement kept), plus the new one;
        // none twice.
        JsonNode alerts = json(b.get("/api/alerts")).get("alerts");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode a : alerts) {
            byId.put(a.get("id").asText(), a);
            ids.add(a.get("id").asText());
        }
        int lost = 0;
        for (JsonNode a : alertsBefore) {
            if (!a.equals(byId.get(a.get("id").asText()))) {
                lost++;
            }
        }
        System.out.printf(
                "DashboardApiITCase: restart: restored in %.1f s; %d series, %d overview cells and"
                        + " %d alerts compared: %d alerts lost or changed, %d twice, %s new%n",
                restoreSeconds,
                seriesBefore.size(),
                overviewBefore.get("cells").size(),
                alertsBefore.size(),
                lost,
                ids.size() - byId.size(),
                byId.containsKey("alert-while-down") ? "1" : "0");
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(lost).isZero();
        assertThat(byId).containsKey("alert-while-down").hasSize(alertsBefore.size() + 1);
        assertThat(byId.get("alert-1").get("acknowledgedBy").asText()).isEqualTo("analist");
    }

    @Test
    @Order(9)
    void shouldServeProvisionalValuesMarkedSuppressedAndGuardedAndPushThemLive() throws Exception {
        Browser b = new Browser(server.port());
        b.login("adviseur", DashboardFixture.PASSWORD);
        long open = NOW + 15 * 60_000L;
        java.util.concurrent.ExecutorService reader =
                java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.util.stream.Stream<String> events = b.events("/api/events")) {
            // Read the live stream until an early event names Noord.
            java.util.concurrent.Future<String> earlyEvent =
                    reader.submit(
                            () -> {
                                java.util.Iterator<String> it = events.iterator();
                                boolean early = false;
                                while (it.hasNext()) {
                                    String line = it.next();
                                    if (line.equals("event: early")) {
                                        early = true;
                                    } else if (early
                                            && line.startsWith("data:")
                                            && line.contains("\"Noord\"")) {
                                        return line.substring(5).trim();
                                    } else if (line.isEmpty()) {
                                        early = false;
                                    }
                                }
                                return null;
                            });
            try (KafkaProducer<byte[], byte[]> p =
                    DashboardFixture.producer(kafka.bootstrapServers(), null)) {
                for (int i = 1; i <= 5; i++) {
                    DashboardFixture.send(
                            p,
                            DashboardFixture.EARLY,
                            LvdsJson.encodeIndicator(
                                    DashboardFixture.early("Noord", "Noord", "all", open, i, 20)));
                }
                DashboardFixture.send(
                        p,
                        DashboardFixture.EARLY,
                        LvdsJson.encodeIndicator(
                                DashboardFixture.earlySuppressed("Pernis", "Pernis", "all", open)));
                // A wijk: finer than this config's minimum (district), never shown.
                DashboardFixture.send(
                        p,
                        DashboardFixture.EARLY,
                        LvdsJson.encodeIndicator(
                                DashboardFixture.early(
                                        "Tarwewijk", "Charlois", "all", open, 30, 90)));
            }
            JsonNode pushed =
                    JSON.readTree(earlyEvent.get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(pushed.get("cells").toString()).doesNotContain("Tarwewijk");
            for (JsonNode c : pushed.get("cells")) {
                assertThat(c.get("provisional").asBoolean()).isTrue();
                assertThat(c.has("baselineMean")).isFalse();
            }
        } finally {
            reader.shutdownNow();
        }
        // The overview: the provisional cells beside the final ones, newest record per cell.
        JsonNode ov = null;
        for (int i = 0; i < 100; i++) {
            ov = json(b.get("/api/overview"));
            if (earlyCell(ov, "Noord") != null
                    && earlyCell(ov, "Noord").get("signals").asInt() == 5
                    && earlyCell(ov, "Pernis") != null) {
                break;
            }
            Thread.sleep(100);
        }
        JsonNode noord = earlyCell(ov, "Noord");
        assertThat(noord).as("Noord's provisional cell").isNotNull();
        assertThat(noord.get("provisional").asBoolean()).isTrue();
        assertThat(noord.get("signals").asInt()).isEqualTo(5);
        assertThat(noord.get("windowEnd").asLong()).isEqualTo(open);
        assertThat(noord.has("zScore")).isFalse();
        JsonNode pernis = earlyCell(ov, "Pernis");
        assertThat(pernis.get("suppressed").asBoolean()).isTrue();
        assertThat(pernis.has("signals")).isFalse();
        assertThat(pernis.has("tensionIndex")).isFalse();
        assertThat(ov.toString()).doesNotContain("Tarwewijk");
        for (JsonNode c : ov.get("cells")) {
            assertThat(c.has("provisional")).isFalse();
        }
        // The 1 h series carries it beside its points; the guard still refuses the wijk.
        JsonNode s = json(b.get("/api/series?area=Noord&topic=all&window=1h&range=24h"));
        assertThat(s.get("provisional").get("signals").asInt()).isEqualTo(5);
        assertThat(b.get("/api/series?area=Tarwewijk&topic=all&window=1h&range=24h").statusCode())
                .isEqualTo(403);
        // Audited like every other view.
        assertThat(audit())
                .anySatisfy(
                        e -> {
                            assertThat(e.get("user").asText()).isEqualTo("adviseur");
                            assertThat(e.get("path").asText()).isEqualTo("/api/events");
                        })
                .anySatisfy(
                        e -> {
                            assertThat(e.get("user").asText()).isEqualTo("adviseur");
                            assertThat(e.get("path").asText()).isEqualTo("/api/overview");
                        });
    }

    private static JsonNode earlyCell(JsonNode ov, String area) {
        for (JsonNode c : ov.get("early")) {
            if (c.get("area").asText().equals(area) && c.get("topic").asText().equals("all")) {
                return c;
            }
        }
        return null;
    }

    /** The series of every overview area (topic all, 1 h and 24 h windows), by request path. */
    private static Map<String, String> allSeries(Browser b, JsonNode overview) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode area : overview.get("areas")) {
            for (String w : List.of("1h", "24h")) {
                String path =
                        "/api/series?area="
                                + java.net.URLEncoder.encode(
                                        area.asText(), java.nio.charset.StandardCharsets.UTF_8)
                                + "&topic=all&window="
                                + w
                                + "&range=24h";
                HttpResponse<String> r = b.get(path);
                out.put(path, r.statusCode() + " " + r.body());
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    /** A series response without one alert (the one committed while the dashboard was down). */
    private static String withoutAlert(String statusAndBody, String alertId) throws Exception {
        int sp = statusAndBody.indexOf(' ');
        String status = statusAndBody.substring(0, sp);
        if (!status.equals("200")) {
            return statusAndBody;
        }
        JsonNode n = JSON.readTree(statusAndBody.substring(sp + 1));
        if (n.has("alerts")) {
            com.fasterxml.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
            for (JsonNode a : n.get("alerts")) {
                if (!alertId.equals(a.path("id").asText())) {
                    kept.add(a);
                }
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).set("alerts", kept);
        }
        return status + " " + n;
    }

    @Test
    @Order(10)
    void shouldServeOneEntryPerAlertGroupAndActivityAgainstExpected() throws Exception {
        long end = NOW + 3_600_000L;
        try (KafkaProducer<byte[], byte[]> p =
                DashboardFixture.producer(kafka.bootstrapServers(), null)) {
            DashboardFixture.send(
                    p,
                    "lvds.alerts",
                    LvdsJson.encodeAlert(
                            DashboardFixture.group("grp-1", 0, "raised", "warning", end)));
            DashboardFixture.send(
                    p,
                    "lvds.alerts",
                    LvdsJson.encodeAlert(
                            DashboardFixture.group(
                                    "grp-1", 2, "escalated", "critical", end + 1_800_000L)));
            // A replayed older record of the group: the latest record stays.
            DashboardFixture.send(
                    p,
                    "lvds.alerts",
                    LvdsJson.encodeAlert(
                            DashboardFixture.group("grp-1", 0, "raised", "warning", end)));
            DashboardFixture.send(
                    p, "lvds.alerts", LvdsJson.encodeAlert(DashboardFixture.burst("burst-1", end)));
            DashboardFixture.send(
                    p,
                    "lvds.indicators",
                    LvdsJson.encodeIndicator(
                            DashboardFixture.indicatorV2(
                                    "Feijenoord", "Feijenoord", "all", end, 14, 435, 40.2, 1e-9)));
            DashboardFixture.send(
                    p,
                    "lvds.indicators",
                    LvdsJson.encodeIndicator(
                            DashboardFixture.indicatorV2(
                                    "Noord", "Noord", "all", end, 20, 38, 40.2, 0.6)));
        }
        Browser b = new Browser(server.port());
        b.login("analist", DashboardFixture.PASSWORD);
        JsonNode grp = null;
        JsonNode burst = null;
        for (int i = 0;
                i < 100 && (grp == null || grp.get("update").asInt() != 2 || burst == null);
                i++) {
            Thread.sleep(100);
            grp = null;
            burst = null;
            for (JsonNode a : json(b.get("/api/alerts")).get("alerts")) {
                if (a.get("id").asText().equals("grp-1")) {
                    assertThat(grp).as("one entry per group").isNull();
                    grp = a;
                } else if (a.get("id").asText().equals("burst-1")) {
                    burst = a;
                }
            }
        }
        assertThat(grp).isNotNull();
        assertThat(grp.get("update").asInt()).isEqualTo(2);
        assertThat(grp.get("status").asText()).isEqualTo("escalated");
        assertThat(grp.get("level").asText()).isEqualTo("critical");
        assertThat(grp.get("kind").asText()).isEqualTo("event");
        assertThat(grp.get("observed").asInt()).isEqualTo(42);
        assertThat(grp.get("expected").asDouble()).isEqualTo(6.1);
        // The wijk cell is below the configured district granularity: not shown; the leading
        // area is shown as its district.
        assertThat(grp.get("area").asText()).isEqualTo("Charlois");
        assertThat(grp.toString()).doesNotContain("Tarwewijk");
        assertThat(grp.get("cells")).hasSize(3);
        assertThat(grp.get("areas").toString()).isEqualTo("[\"Charlois\",\"city\"]");
        assertThat(grp.get("topics").toString()).isEqualTo("[\"local-incident\",\"migration\"]");
        assertThat(burst.get("kind").asText()).isEqualTo("coordinated");
        assertThat(burst.get("copies").asInt()).isEqualTo(199);
        assertThat(burst.get("authors").asInt()).isEqualTo(199);
        // Newest first: the group's latest record is newer than the burst.
        List<String> order = new ArrayList<>();
        json(b.get("/api/alerts")).get("alerts").forEach(a -> order.add(a.get("id").asText()));
        assertThat(order.indexOf("grp-1")).isLessThan(order.indexOf("burst-1"));
        // The series of Charlois x migration lists the group by its cell.
        JsonNode s = json(b.get("/api/series?area=Charlois&topic=migration&window=1h&range=24h"));
        assertThat(s.get("alerts").findValuesAsText("id")).containsExactly("grp-1");

        // Tiles: activity against expected; Feijenoord's explosion is unusual though its tension
        // index is low, Noord's is usual.
        JsonNode ov = json(b.get("/api/overview"));
        JsonNode feij = find(ov, "Feijenoord", "1h");
        assertThat(feij.get("stories").asInt()).isEqualTo(435);
        assertThat(feij.get("expected").asDouble()).isEqualTo(40.2);
        assertThat(feij.get("activity").asText()).isEqualTo("unusual");
        assertThat(feij.get("band").asText()).isEqualTo("low");
        assertThat(find(ov, "Noord", "1h").get("activity").asText()).isEqualTo("usual");
        // Version 1 indicators have no expected count: no activity verdict.
        assertThat(find(ov, "Charlois", "1h").has("activity")).isFalse();
    }
}
