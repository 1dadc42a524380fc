package nl.lvds.dashboards.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import nl.lvds.dashboards.notify.NotifierConfig.QuietHours;
import nl.lvds.dashboards.notify.NotifierConfig.Subscription;
import nl.lvds.dashboards.notify.SubscriptionRouter.Route;
import nl.lvds.dashboards.notify.SubscriptionRouter.When;
import nl.lvds.models.area.AreaGazetteer;
import org.junit.jupiter.api.Test;

class SubscriptionRouterTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    // Wednesday 6 March 2024, 14:00 local (13:00 Z): outside quiet hours.
    private static final Instant DAY = Instant.parse("2024-03-06T13:00:00Z");
    // 23:30 local: inside 22:00-07:00.
    private static final Instant NIGHT = Instant.parse("2024-03-06T22:30:00Z");

    private static Subscription sub(
            String name, List<String> areas, List<String> topics, String minLevel, QuietHours q) {
        return new Subscription(
                name, List.of(name + "@example.nl"), null, areas, topics, minLevel, q, null, null);
    }

    private static SubscriptionRouter router(Subscription... subs) {
        return new SubscriptionRouter(List.of(subs), AreaGazetteer.rotterdam(), AMS);
    }

    private static List<String> targets(List<Route> routes) {
        return routes.stream().map(r -> r.target().address()).toList();
    }

    @Test
    void shouldMatchDistrictsTheirWijkenAndAll() {
        String wijkOfCharlois = AreaGazetteer.rotterdam().neighbourhoods("Charlois").get(0);
        SubscriptionRouter r =
                router(
                        sub("zuid", List.of("Charlois"), null, null, null),
                        sub("noord", List.of("Noord"), null, null, null),
                        sub("iedereen", List.of("all"), null, null, null),
                        sub("stad", List.of("city"), null, null, null));
        assertThat(targets(r.route(Alerts.charlois("a1", DAY), DAY)))
                .containsExactly("zuid@example.nl", "iedereen@example.nl");
        assertThat(
                        targets(
                                r.route(
                                        Alerts.alert(
                                                "a2", wijkOfCharlois, "migration", "warning", DAY),
                                        DAY)))
                .containsExactly("zuid@example.nl", "iedereen@example.nl");
        assertThat(targets(r.route(Alerts.alert("a3", "city", "all", "warning", DAY), DAY)))
                .containsExactly("iedereen@example.nl", "stad@example.nl");
    }

    @Test
    void shouldMatchAGroupOnceByAnyOfItsCells() {
        SubscriptionRouter r =
                router(
                        sub("migratie-zuid", List.of("Charlois"), List.of("migration"), null, null),
                        sub("noord", List.of("Noord"), null, null, null),
                        sub("stad", List.of("city"), List.of("local-incident"), null, null));
        // Update 0 has no migration cell; update 1 adds Tarwewijk x migration (a wijk of
        // Charlois), so the Charlois migration subscription now matches, once.
        assertThat(targets(r.route(Alerts.group("g", 0, "raised", "warning", DAY), DAY)))
                .containsExactly("stad@example.nl");
        assertThat(targets(r.route(Alerts.group("g", 1, "updated", "warning", DAY), DAY)))
                .containsExactly("migratie-zuid@example.nl", "stad@example.nl");
    }

    @Test
    void shouldHonourTopicsAndMinimumLevel() {
        SubscriptionRouter r =
                router(
                        sub("incident", null, List.of("local-incident"), "warning", null),
                        sub("migratie", null, List.of("migration"), null, null),
                        sub("kritiek", null, null, "critical", null));
        assertThat(targets(r.route(Alerts.charlois("a1", DAY), DAY)))
                .containsExactly("incident@example.nl");
        assertThat(
                        targets(
                                r.route(
                                        Alerts.alert(
                                                "a2", "Charlois", "local-incident", "watch", DAY),
                                        DAY)))
                .isEmpty();
        assertThat(
                        targets(
                                r.route(
                                        Alerts.alert(
                                                "a3",
                                                "Charlois",
                                                "local-incident",
                                                "critical",
                                                DAY),
                                        DAY)))
                .containsExactly("incident@example.nl", "kritiek@example.nl");
        // The all-topics rollup reaches only subscriptions to all topics.
        assertThat(targets(r.route(Alerts.alert("a4", "Charlois", "all", "critical", DAY), DAY)))
                .containsExactly("kritiek@example.nl");
    }

    @Test
    void shouldHoldNonCriticalAlertsUntilQuietHoursEnd() {
        SubscriptionRouter r =
                router(sub("s", null, null, null, new QuietHours("22:00", "07:00", "hold")));
        assertThat(r.route(Alerts.charlois("a1", DAY), DAY).get(0).when()).isEqualTo(When.NOW);
        Route night = r.route(Alerts.charlois("a2", NIGHT), NIGHT).get(0);
        assertThat(night.when()).isEqualTo(When.HOLD);
        assertThat(night.dueAt()).isEqualTo(Instant.parse("2024-03-07T06:00:00Z"));
        Route critical =
                r.route(Alerts.alert("a3", "Charlois", "extremism", "critical", NIGHT), NIGHT)
                        .get(0);
        assertThat(critical.when()).isEqualTo(When.NOW);
    }

    @Test
    void shouldEndQuietHoursAtLocalTimeAcrossDaylightSaving() {
        SubscriptionRouter r = router();
        QuietHours q = new QuietHours("22:00", "07:00", null);
        // Night of Sat 30 -> Sun 31 March 2024 (clocks go forward): 07:00 CEST = 05:00 Z.
        assertThat(r.quietEnd(q, Instant.parse("2024-03-30T23:00:00Z")))
                .isEqualTo(Instant.parse("2024-03-31T05:00:00Z"));
        // Night of Sat 26 -> Sun 27 October 2024 (clocks go back): 07:00 CET = 06:00 Z.
        assertThat(r.quietEnd(q, Instant.parse("2024-10-26T22:00:00Z")))
                .isEqualTo(Instant.parse("2024-10-27T06:00:00Z"));
        assertThat(r.isQuiet(q, Instant.parse("2024-10-27T05:30:00Z"))).isTrue();
        assertThat(r.isQuiet(q, Instant.parse("2024-10-27T06:00:00Z"))).isFalse();
    }

    @Test
    void shouldSendDigestLevelsAndQuietDigestToTheDigest() {
        Subscription digestWatch =
                new Subscription(
                        "d",
                        List.of("d@example.nl"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of("watch", "digest"),
                        null);
        Subscription quietDigest =
                sub("q", null, null, null, new QuietHours("22:00", "07:00", "digest"));
        SubscriptionRouter r = router(digestWatch, quietDigest);
        List<Route> watch = r.route(Alerts.alert("a1", "Charlois", "migration", "watch", DAY), DAY);
        assertThat(watch).extracting(Route::when).containsExactly(When.DIGEST, When.DIGEST);
        List<Route> night = r.route(Alerts.charlois("a2", NIGHT), NIGHT);
        assertThat(night).extracting(Route::when).containsExactly(When.NOW, When.DIGEST);
    }

    @Test
    void shouldRefuseUnknownAreas() {
        assertThatThrownBy(() -> router(sub("x", List.of("Atlantis"), null, null, null)))
                .isInstanceOf(NotifierConfigException.class)
                .hasMessageContaining("Atlantis");
    }
}
