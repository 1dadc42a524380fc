package nl.lvds.dashboards.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.lvds.dashboards.DashboardConfig;
import nl.lvds.dashboards.DashboardFixture;
import nl.lvds.dashboards.DashboardServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single sign-on against a real OpenID Connect provider started in the test (mock-oauth2-server:
 * discovery, JWKS, authorization and token endpoints) and the real dashboard over real HTTP. The
 * browser is a plain HTTP client with a cookie jar that follows each redirect by hand.
 *
 * <p>Bad tokens are put on the provider's token endpoint by an extra route of the provider: the
 * dashboard fetches them through its normal code exchange, exactly as it would from a provider that
 * was compromised or impersonated.
 */
class OidcLoginITCase {

    static final String ISSUER_ID = "lvds";
    static final String CLIENT_ID = "lvds-dashboard";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;

    static MockOAuth2Server idp;
    static DashboardServer server;
    static DashboardConfig config;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        idp =
                new MockOAuth2Server(
                        new no.nav.security.mock.oauth2.OAuth2Config(), new BadTokenRoute());
        idp.start();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path secret = dir.resolve("client-secret");
        Files.writeString(secret, "s3cret-from-a-file\n");
        DashboardConfig.Oidc oidc =
                new DashboardConfig.Oidc(
                        idp.issuerUrl(ISSUER_ID).uri(),
                        CLIENT_ID,
                        null,
                        secret,
                        URI.create("http://127.0.0.1:" + port + "/oidc/callback"),
                        null,
                        null,
                        "groups",
                        null,
                        new DashboardConfig.Roles(
                                List.of("lvds-analysts"),
                                List.of("lvds-advisers"),
                                List.of("lvds-admins")),
                        null);
        config = DashboardFixture.config(dir).withOidc(oidc).withPort(port);
        // No broker: the dashboard must still serve logins (and says once that Kafka is missing).
        server = DashboardServer.start(config, "127.0.0.1:9");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (idp != null) {
            idp.shutdown();
        }
    }

    /** A browser: a cookie jar, redirects followed by hand so each hop can be checked. */
    static final class Browser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();

        HttpResponse<String> get(String url) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, String csrf) throws Exception {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.noBody());
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        boolean hasSession() {
            return cookies.getCookieStore().getCookies().stream()
                    .map(HttpCookie::getName)
                    .anyMatch(n -> n.equals("lvds_session"));
        }

        /** Starts a login at the dashboard; returns the provider's authorization URL. */
        URI startLogin() throws Exception {
            HttpResponse<String> r = get(base() + "/oidc/login");
            assertThat(r.statusCode()).isEqualTo(303);
            URI authorize = URI.create(r.headers().firstValue("Location").orElseThrow());
            assertThat(authorize.toString())
                    .startsWith(idp.authorizationEndpointUrl(ISSUER_ID).toString());
            return authorize;
        }

        /** The provider's answer to the authorization request: the redirect back to us. */
        URI authorize(URI authorize) throws Exception {
            HttpResponse<String> r = get(authorize.toString());
            assertThat(r.statusCode()).isEqualTo(302);
            URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
            assertThat(back.toString()).startsWith(base() + "/oidc/callback?");
            return back;
        }
    }

    static String base() {
        return "http://127.0.0.1:" + port;
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String kv : uri.getRawQuery().split("&")) {
            int i = kv.indexOf('=');
            q.put(
                    URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    static void enqueueUser(String name, List<String> groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("preferred_username", name);
        claims.put("groups", groups);
        idp.enqueueCallback(
                new DefaultOAuth2TokenCallback(
                        ISSUER_ID, "sub-" + name, "JWT", List.of(CLIENT_ID), claims, 3600));
    }

    /** Claims of a good ID token for this login, signed or not by the caller. */
    static Map<String, Object> idClaims(String nonce, List<String> groups) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", idp.issuerUrl(ISSUER_ID).toString());
        c.put("sub", "sub-x");
        c.put("aud", CLIENT_ID);
        c.put("nonce", nonce);
        c.put("preferred_username", "m.devries");
        c.put("groups", groups);
        return c;
    }

    static final java.util.Deque<String> BAD_TOKENS =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    /**
     * An extra route of the provider: while a bad token is queued, the token endpoint answers with
     * it instead of a good one.
     */
    static final class BadTokenRoute implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return request.getMethod().equals("POST")
                    && request.getUrl().encodedPath().endsWith("/token")
                    && !BAD_TOKENS.isEmpty();
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String body =
                    "{\"access_token\":\"at\",\"token_type\":\"Bearer\","
                            + "\"expires_in\":3600,\"id_token\":\""
                            + BAD_TOKENS.poll()
                            + "\"}";
            return new OAuth2HttpResponse(
                    Headers.of("Content-Type", "application/json"), 200, body, null);
        }
    }

    /** Puts a token response holding {@code idToken} on the provider's next token answer. */
    static void enqueueTokenResponse(String idToken) {
        BAD_TOKENS.add(idToken);
    }

    static List<JsonNode> audit() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(config.auditLog())) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    static JsonNode lastAudit(String action) throws Exception {
        List<JsonNode> all = audit();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).get("action").asText().equals(action)) {
                return all.get(i);
            }
        }
        throw new AssertionError("no audit line " + action);
    }

    @Test
    void shouldLogInWithPkceStateAndNonceAndMapTheGroupToARole() throws Exception {
        Browser b = new Browser();
        URI authorize = b.startLogin();
        Map<String, String> q = query(authorize);
        assertThat(q)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(q.get("scope")).contains("openid");
        enqueueUser("a.jansen", List.of("everyone", "lvds-analysts"));
        HttpResponse<String> cb = b.get(b.authorize(authorize).toString());
        assertThat(cb.statusCode()).isEqualTo(200);
        assertThat(cb.body()).contains("url=/");
        assertThat(cb.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("lvds_session=").contains("HttpOnly"));
        JsonNode session = JSON.readTree(b.get(base() + "/api/session").body());
        assertThat(session.get("user").asText()).isEqualTo("a.jansen");
        assertThat(session.get("role").asText()).isEqualTo("analyst");
        JsonNode line = lastAudit("login");
        assertThat(line.get("user").asText()).isEqualTo("a.jansen");
        assertThat(line.get("role").asText()).isEqualTo("analyst");
        assertThat(line.get("filter").get("method").asText()).isEqualTo("oidc");
        // The code and state were used once: replaying the callback is refused.
        HttpResponse<String> replay = new Browser().get(b.authorize(b.startLogin()).toString());
        assertThat(replay.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldGiveTheWidestRoleOfTheMappedGroups() throws Exception {
        for (var c :
                List.of(
                        Map.entry(List.of("lvds-advisers"), "adviser"),
                        Map.entry(List.of("lvds-advisers", "lvds-analysts"), "analyst"),
                        Map.entry(List.of("lvds-analysts", "lvds-admins"), "admin"))) {
            Browser b = new Browser();
            URI authorize = b.startLogin();
            enqueueUser("user-" + c.getValue(), c.getKey());
            assertThat(b.get(b.authorize(authorize).toString()).statusCode()).isEqualTo(200);
            JsonNode session = JSON.readTree(b.get(base() + "/api/session").body());
            assertThat(session.get("role").asText())
                    .as(c.getKey().toString())
                    .isEqualTo(c.getValue());
        }
        // ... and the role is enforced: an adviser may not read the audit log, an admin may.
        Browser adviser = new Browser();
        URI a = adviser.startLogin();
        enqueueUser("r.adviseur", List.of("lvds-advisers"));
        adviser.get(adviser.authorize(a).toString());
        assertThat(adviser.get(base() + "/api/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRefuseAUserWithoutAMappedGroup() throws Exception {
        Browser b = new Browser();
        URI authorize = b.startLogin();
        enqueueUser("k.onbekend", List.of("everyone", "finance"));
        HttpResponse<String> cb = b.get(b.authorize(authorize).toString());
        assertThat(cb.statusCode()).isEqualTo(403);
        assertThat(cb.body()).contains("geen rol voor dit dashboard").contains("no role");
        assertThat(b.hasSession()).isFalse();
        assertThat(b.get(base() + "/api/session").statusCode()).isEqualTo(401);
        JsonNode line = lastAudit("sso-refused");
        assertThat(line.get("user").asText()).isEqualTo("k.onbekend");
        assertThat(line.get("status").asInt()).isEqualTo(403);
        assertThat(line.get("filter").get("reason").asText()).contains("groups");
    }

    @Test
    void shouldRefuseAnIdTokenForAnotherAudience() throws Exception {
        refusedWith(
                nonce -> {
                    Map<String, Object> c = idClaims(nonce, List.of("lvds-admins"));
                    c.put("aud", "some-other-app");
                    return signedByTheProvider(c, Duration.ofHours(1));
                },
                "audience");
    }

    @Test
    void shouldRefuseAnExpiredIdToken() throws Exception {
        refusedWith(
                nonce ->
                        signedByTheProvider(
                                idClaims(nonce, List.of("lvds-admins")), Duration.ofMinutes(-10)),
                "xpired");
    }

    @Test
    void shouldRefuseAForgedSignature() throws Exception {
        // Same claims, same key id, but signed with a key the provider never published.
        refusedWith(
                nonce -> {
                    String kid =
                            SignedJWT.parse(
                                            signedByTheProvider(
                                                    idClaims(nonce, List.of()),
                                                    Duration.ofHours(1)))
                                    .getHeader()
                                    .getKeyID();
                    RSAKey attacker = new RSAKeyGenerator(2048).keyID(kid).generate();
                    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
                    idClaims(nonce, List.of("lvds-admins")).forEach(claims::claim);
                    claims.audience(CLIENT_ID)
                            .issueTime(new Date())
                            .expirationTime(new Date(System.currentTimeMillis() + 3_600_000));
                    SignedJWT jwt =
                            new SignedJWT(
                                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                                    claims.build());
                    jwt.sign(new RSASSASigner(attacker));
                    return jwt.serialize();
                },
                "signature");
    }

    @Test
    void shouldRefuseATamperedPayload() throws Exception {
        // A real token of a user without a role whose payload was changed to claim the admin group.
        refusedWith(
                nonce -> {
                    String real =
                            signedByTheProvider(idClaims(nonce, List.of()), Duration.ofHours(1));
                    String[] parts = real.split("\\.");
                    Map<String, Object> payload =
                            JSON.readValue(
                                    java.util.Base64.getUrlDecoder().decode(parts[1]), Map.class);
                    payload.put("groups", List.of("lvds-admins"));
                    String forged =
                            java.util.Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(JSON.writeValueAsBytes(payload));
                    return parts[0] + "." + forged + "." + parts[2];
                },
                "signature");
    }

    @Test
    void shouldRefuseAnUnsignedIdToken() throws Exception {
        refusedWith(
                nonce -> {
                    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
                    idClaims(nonce, List.of("lvds-admins")).forEach(claims::claim);
                    claims.audience(CLIENT_ID)
                            .issueTime(new Date())
                            .expirationTime(new Date(System.currentTimeMillis() + 3_600_000));
                    return new com.nimbusds.jwt.PlainJWT(claims.build()).serialize();
                },
                "");
    }

    @Test
    void shouldRefuseAnIdTokenWithAnotherNonce() throws Exception {
        refusedWith(
                nonce ->
                        signedByTheProvider(
                                idClaims("not-" + nonce, List.of("lvds-admins")),
                                Duration.ofHours(1)),
                "nonce");
    }

    @Test
    void shouldRefuseACallbackInAnotherBrowserOrWithAnUnknownState() throws Exception {
        Browser victim = new Browser();
        URI back = victim.authorize(victim.startLogin());
        // An attacker's browser presents the victim's callback (login CSRF / code injection).
        Browser attacker = new Browser();
        enqueueUser("a.jansen", List.of("lvds-admins"));
        HttpResponse<String> r = attacker.get(back.toString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(attacker.hasSession()).isFalse();
        assertThat(lastAudit("sso-refused").get("filter").get("reason").asText())
                .contains("another browser");
        HttpResponse<String> made =
                new Browser().get(base() + "/oidc/callback?code=abc&state=made-up");
        assertThat(made.statusCode()).isEqualTo(403);
        assertThat(lastAudit("sso-refused").get("filter").get("reason").asText()).contains("state");
    }

    @Test
    void shouldLogOutAtTheDashboardAndAtTheProvider() throws Exception {
        Browser b = new Browser();
        URI authorize = b.startLogin();
        enqueueUser("l.uitlog", List.of("lvds-analysts"));
        b.get(b.authorize(authorize).toString());
        JsonNode session = JSON.readTree(b.get(base() + "/api/session").body());
        HttpResponse<String> out = b.post(base() + "/logout", session.get("csrf").asText());
        assertThat(out.statusCode()).isEqualTo(200);
        String redirect = JSON.readTree(out.body()).get("redirect").asText();
        assertThat(redirect)
                .startsWith(idp.endSessionEndpointUrl(ISSUER_ID).toString())
                .contains("id_token_hint=");
        assertThat(b.get(base() + "/api/session").statusCode()).isEqualTo(401);
        assertThat(lastAudit("logout").get("user").asText()).isEqualTo("l.uitlog");
    }

    @Test
    void shouldOfferBothWaysToLogIn() throws Exception {
        JsonNode m = JSON.readTree(new Browser().get(base() + "/login/methods").body());
        assertThat(m.get("oidc").asBoolean()).isTrue();
        assertThat(m.get("local").asBoolean()).isTrue();
    }

    interface TokenFactory {
        String make(String nonce) throws Exception;
    }

    static String signedByTheProvider(Map<String, Object> claims, Duration expiry) {
        return idp.getConfig().getTokenProvider().jwt(claims, expiry, ISSUER_ID).serialize();
    }

    /** Runs a login whose token endpoint answers with {@code token}; expects a refusal. */
    private void refusedWith(TokenFactory token, String reasonPart) throws Exception {
        Browser b = new Browser();
        URI authorize = b.startLogin();
        String nonce = query(authorize).get("nonce");
        URI back = b.authorize(authorize);
        enqueueTokenResponse(token.make(nonce));
        HttpResponse<String> cb = b.get(back.toString());
        assertThat(cb.statusCode()).isEqualTo(403);
        assertThat(cb.body()).contains("Aanmelden mislukt").contains("Sign-in failed");
        assertThat(b.hasSession()).isFalse();
        assertThat(b.get(base() + "/api/session").statusCode()).isEqualTo(401);
        JsonNode line = lastAudit("sso-refused");
        assertThat(line.get("filter").get("reason").asText())
                .startsWith("ID token rejected")
                .containsIgnoringCase(reasonPart);
    }
}
