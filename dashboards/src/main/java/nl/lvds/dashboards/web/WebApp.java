package nl.lvds.dashboards.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import nl.lvds.dashboards.DashboardConfig;
import nl.lvds.dashboards.audit.AuditLog;
import nl.lvds.dashboards.auth.LoginThrottle;
import nl.lvds.dashboards.auth.OidcLogin;
import nl.lvds.dashboards.auth.PasswordCheck;
import nl.lvds.dashboards.auth.Role;
import nl.lvds.dashboards.auth.SessionStore;
import nl.lvds.dashboards.auth.SessionStore.Session;
import nl.lvds.dashboards.store.AckStore;
import nl.lvds.dashboards.store.DashboardState;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the dashboard (Javalin): pages, the JSON API, live updates (SSE), login,
 * sessions, CSRF, roles, security headers, the drill-down guard and the audit trail.
 *
 * <p>Handlers do HTTP in and out only; data comes from {@link Views}. Every path needs a session
 * except {@code /health}, the login page and the static assets (code, no data); {@code /metrics}
 * also accepts a configured bearer token so Prometheus can scrape it.
 */
public final class WebApp {

    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "lvds_session";

    /** The header every state-changing request must carry, holding the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /**
     * The Content-Security-Policy: scripts and styles only from our own origin (no inline script),
     * no framing, no plugins.
     */
    public static final String CSP =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
                    + " form-action 'self'; frame-ancestors 'none'";

    private static final String WEB = "/nl/lvds/dashboards/web";

    /** The short-lived cookie that binds an OIDC login to the browser that started it. */
    public static final String OIDC_COOKIE = "lvds_oidc";

    private static final Set<String> PUBLIC_PATHS =
            Set.of(
                    "/health",
                    "/login",
                    "/login/methods",
                    "/oidc/login",
                    "/oidc/callback",
                    "/favicon.ico");
    private static final Map<String, Duration> RANGES =
            Map.of(
                    "24h",
                    Duration.ofHours(24),
                    "7d",
                    Duration.ofDays(7),
                    "28d",
                    Duration.ofDays(28));

    private final DashboardConfig config;
    private final SessionStore sessions;
    private final AuditLog audit;
    private final AckStore acks;
    private final DashboardState state;
    private final Views views;
    private final GranularityGuard guard;
    private final SseHub hub;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier restored;
    private final LongSupplier lag;
    private final Clock clock;
    private final int k;
    private final Counter loginFailures;
    private final Counter loginThrottled;
    private final LoginThrottle throttle;
    private final PasswordCheck passwords;
    private final OidcLogin oidc;
    private final Counter refusals;
    private final Javalin app;

    /** Wires the app; {@link #start()} binds the port. */
    public WebApp(
            DashboardConfig config,
            SessionStore sessions,
            AuditLog audit,
            AckStore acks,
            DashboardState state,
            GranularityGuard guard,
            AreaGazetteer gazetteer,
            int k,
            PrometheusMeterRegistry registry,
            BooleanSupplier restored,
            LongSupplier lag,
            Clock clock) {
        this.config = config;
        this.sessions = sessions;
        this.audit = audit;
        this.acks = acks;
        this.state = state;
        this.guard = guard;
        this.k = k;
        this.registry = registry;
        this.restored = restored;
        this.lag = lag;
        this.clock = clock;
        this.views = new Views(state, acks, gazetteer, guard);
        this.throttle = new LoginThrottle(config.loginThrottle(), clock);
        this.passwords =
                new PasswordCheck(config.users(), config.loginThrottle().maxConcurrentHashes());
        this.oidc = config.oidc() == null ? null : new OidcLogin(config.oidc(), clock);
        this.hub =
                new SseHub(
                        fresh -> Map.of("cells", views.cells(fresh)),
                        a -> views.visible(a) ? views.alert(a) : Map.of(),
                        keys -> views.earlyCells(keys));
        state.addListener(hub::onUpdate);
        registry.gauge("lvds_dashboard_sse_clients", hub, SseHub::clientCount);
        registry.gauge("lvds_dashboard_sessions", sessions, SessionStore::size);
        this.loginFailures =
                Counter.builder("lvds_dashboard_login_failures")
                        .description("Failed logins")
                        .register(registry);
        this.loginThrottled =
                Counter.builder("lvds_dashboard_login_throttled")
                        .description("Login attempts refused by the brute-force throttle")
                        .register(registry);
        this.refusals =
                Counter.builder("lvds_dashboard_drilldown_refusals")
                        .description("Requests refused by the drill-down guard")
                        .register(registry);
        ObjectMapper json = new ObjectMapper();
        this.app =
                Javalin.create(
                        cfg -> {
                            cfg.showJavalinBanner = false;
                            cfg.jsonMapper(new JavalinJackson(json, false));
                            cfg.staticFiles.add(
                                    s -> {
                                        s.hostedPath = "/assets";
                                        s.directory = WEB + "/assets";
                                        s.location = Location.CLASSPATH;
                                    });
                            cfg.staticFiles.enableWebjars();
                        });
        routes();
    }

    /** Starts serving on the configured host and port. */
    public WebApp start() {
        app.start(config.host(), config.port());
        return this;
    }

    /** The bound port. */
    public int port() {
        return app.port();
    }

    /** The live-update hub. */
    public SseHub hub() {
        return hub;
    }

    /** Stops the server and the hub. */
    public void stop() {
        hub.close();
        app.stop();
    }

    private void routes() {
        app.before(this::securityHeaders);
        app.before(this::authenticate);
        app.after(this::auditAfter);

        app.get(
                "/health",
                ctx -> ctx.json(Map.of("status", "ok", "restored", restored.getAsBoolean())));
        app.get("/login", ctx -> page(ctx, "login.html"));
        app.get("/login/methods", this::loginMethods);
        app.post("/login", this::login);
        app.post("/logout", this::logout);
        app.get("/oidc/login", this::oidcLogin);
        app.get("/oidc/callback", this::oidcCallback);
        app.get("/", ctx -> page(ctx, "index.html"));
        app.get("/index.html", ctx -> ctx.redirect("/"));

        app.get("/api/session", this::sessionInfo);
        app.get("/api/overview", ctx -> ctx.json(views.overview()));
        app.get("/api/series", this::series);
        app.get("/api/alerts", ctx -> ctx.json(Map.of("alerts", views.alerts(200))));
        app.post("/api/alerts/{id}/ack", this::acknowledge);
        app.get("/api/sources", this::sources);
        app.get("/api/audit", this::auditTail);
        app.get(
                "/metrics",
                ctx ->
                        ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                                .result(registry.scrape()));
        app.sse(
                "/api/events",
                client -> {
                    // The request stays open, so the after-handler would log it only on
                    // disconnect: log the connection now.
                    Context ctx = client.ctx();
                    Session s = ctx.attribute("session");
                    audit.append(
                            new AuditLog.Entry(
                                    s.user(),
                                    s.role().wire(),
                                    "live-connect",
                                    "GET",
                                    ctx.path(),
                                    filter(ctx),
                                    200));
                    ctx.attribute("audited", Boolean.TRUE);
                    client.keepAlive();
                    hub.add(client);
                });
    }

    private void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (config.tlsTerminatedInFront()) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (!ctx.path().startsWith("/assets/") && !ctx.path().startsWith("/webjars/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private void authenticate(Context ctx) {
        String path = ctx.path();
        if (PUBLIC_PATHS.contains(path) || path.startsWith("/assets/")) {
            return;
        }
        Optional<Session> session = sessions.get(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty() && path.equals("/metrics") && metricsTokenMatches(ctx)) {
            ctx.attribute("auditUser", "metrics-scraper");
            return;
        }
        if (session.isEmpty()) {
            boolean api = path.startsWith("/api/") || path.equals("/metrics");
            audit.append(
                    new AuditLog.Entry(
                            "-",
                            "-",
                            "unauthenticated",
                            ctx.method().name(),
                            path,
                            filter(ctx),
                            api ? 401 : 303));
            if (api) {
                ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "login required"));
            } else {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
            }
            ctx.skipRemainingHandlers();
            return;
        }
        Session s = session.get();
        ctx.attribute("session", s);
        boolean stateChanging =
                !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD");
        if (stateChanging && !constantTimeEquals(ctx.header(CSRF_HEADER), s.csrf())) {
            deny(ctx, s, "csrf-refused", HttpStatus.FORBIDDEN, "missing or wrong CSRF token");
            return;
        }
        if (!allowed(s.role(), path, ctx.method().name())) {
            deny(ctx, s, "role-refused", HttpStatus.FORBIDDEN, "not allowed for role " + s.role());
        }
    }

    /** Which role may do what. Advisers read; analysts also acknowledge; admins see everything. */
    static boolean allowed(Role role, String path, String method) {
        if (path.startsWith("/api/audit") || path.equals("/metrics")) {
            return role == Role.ADMIN;
        }
        if (path.startsWith("/api/sources")) {
            return role != Role.ADVISER;
        }
        if (path.startsWith("/api/alerts/") && method.equals("POST")) {
            return role != Role.ADVISER;
        }
        return true;
    }

    private void deny(Context ctx, Session s, String action, HttpStatus status, String message) {
        audit.append(
                new AuditLog.Entry(
                        s.user(),
                        s.role().wire(),
                        action,
                        ctx.method().name(),
                        ctx.path(),
                        filter(ctx),
                        status.getCode()));
        ctx.status(status).json(Map.of("error", message));
        ctx.skipRemainingHandlers();
    }

    private boolean metricsTokenMatches(Context ctx) {
        String token = config.metricsToken();
        String header = ctx.header("Authorization");
        return token != null && header != null && constantTimeEquals(header, "Bearer " + token);
    }

    private static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private void auditAfter(Context ctx) {
        String path = ctx.path();
        boolean logged = path.equals("/") || path.startsWith("/api/") || path.equals("/metrics");
        if (!logged || ctx.attribute("audited") != null) {
            return;
        }
        Session s = ctx.attribute("session");
        String user =
                s != null
                        ? s.user()
                        : Optional.ofNullable((String) ctx.attribute("auditUser")).orElse("-");
        String action =
                Optional.ofNullable((String) ctx.attribute("auditAction"))
                        .orElse(path.equals("/") ? "view" : "api");
        audit.append(
                new AuditLog.Entry(
                        user,
                        s != null ? s.role().wire() : "-",
                        action,
                        ctx.method().name(),
                        path,
                        filter(ctx),
                        ctx.statusCode()));
    }

    private static Map<String, String> filter(Context ctx) {
        Map<String, String> f = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, values) -> f.put(key, String.join(",", values)));
        return f;
    }

    private void page(Context ctx, String name) throws IOException {
        try (InputStream in = WebApp.class.getResourceAsStream(WEB + "/" + name)) {
            if (in == null) {
                ctx.status(HttpStatus.NOT_FOUND);
                return;
            }
            ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
        }
    }

    private void loginMethods(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("local", passwords.hasAccounts());
        m.put("oidc", oidc != null);
        if (oidc != null && oidc.label() != null) {
            m.put("oidcLabel", oidc.label());
        }
        ctx.json(m);
    }

    private void login(Context ctx) throws InterruptedException {
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null") && !sameOrigin(ctx, origin)) {
            ctx.status(HttpStatus.FORBIDDEN).result("cross-origin login refused");
            return;
        }
        if (!passwords.hasAccounts()) {
            ctx.status(HttpStatus.NOT_FOUND).result("local accounts are off: use single sign-on");
            return;
        }
        String name = Optional.ofNullable(ctx.formParam("username")).orElse("").trim();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String address = clientAddress(ctx);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("username", name.length() > 64 ? name.substring(0, 64) : name);
        LoginThrottle.Verdict verdict = throttle.attempt(name, address);
        if (!verdict.allowed()) {
            long seconds = Math.max(1, (verdict.retryAfter().toMillis() + 999) / 1000);
            loginThrottled.increment();
            f.put("scope", verdict.scope());
            f.put("retryAfterSeconds", Long.toString(seconds));
            f.put("address", address);
            audit.append(new AuditLog.Entry("-", "-", "login-throttled", "POST", "/login", f, 429));
            ctx.header("Retry-After", Long.toString(seconds));
            messagePage(
                    ctx,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Te veel mislukte pogingen",
                    "Er is te vaak een verkeerd wachtwoord gegeven. Probeer het over "
                            + seconds
                            + " seconden opnieuw. Weet u het wachtwoord niet meer, vraag dan de"
                            + " beheerder om een nieuw.",
                    "Too many failed attempts",
                    "A wrong password was given too often. Try again in "
                            + seconds
                            + " seconds. If you have forgotten the password, ask the"
                            + " administrator for a new one.");
            return;
        }
        PasswordCheck.Result result = passwords.check(name, password.toCharArray());
        if (result.outcome() == PasswordCheck.Outcome.BUSY) {
            // Not the user's fault: give the attempt back.
            throttle.notChecked(name, address);
            audit.append(new AuditLog.Entry("-", "-", "login-busy", "POST", "/login", f, 503));
            ctx.header("Retry-After", "2");
            messagePage(
                    ctx,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Even geduld",
                    "Er worden nu veel aanmeldingen tegelijk gecontroleerd. Probeer het over een"
                            + " paar seconden opnieuw.",
                    "Please wait",
                    "Many logins are being checked at once. Try again in a few seconds.");
            return;
        }
        if (result.outcome() != PasswordCheck.Outcome.OK) {
            loginFailures.increment();
            audit.append(new AuditLog.Entry("-", "-", "login-failed", "POST", "/login", f, 303));
            ctx.redirect("/login?error=1", HttpStatus.SEE_OTHER);
            return;
        }
        throttle.succeeded(name, address);
        DashboardConfig.User user = result.user();
        Session s = sessions.create(user.name(), user.role());
        ctx.res().addHeader("Set-Cookie", sessionCookie(s.token(), -1));
        audit.append(
                new AuditLog.Entry(
                        s.user(),
                        s.role().wire(),
                        "login",
                        "POST",
                        "/login",
                        Map.of("method", "local"),
                        303));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void oidcLogin(Context ctx) {
        if (oidc == null) {
            ctx.status(HttpStatus.NOT_FOUND).result("single sign-on is not configured");
            return;
        }
        OidcLogin.Start start;
        try {
            start = oidc.start();
        } catch (OidcLogin.ProviderException e) {
            LOG.error("single sign-on: {}", e.getMessage());
            audit.append(
                    new AuditLog.Entry(
                            "-",
                            "-",
                            "sso-unavailable",
                            "GET",
                            "/oidc/login",
                            Map.of("reason", e.getMessage()),
                            502));
            providerDown(ctx);
            return;
        }
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        OIDC_COOKIE
                                + "="
                                + start.browserBinding()
                                + "; Path=/oidc/; HttpOnly; SameSite=Lax; Max-Age="
                                + OidcLogin.PENDING_TTL.toSeconds()
                                + (config.secureCookies() ? "; Secure" : ""));
        ctx.redirect(start.redirect().toString(), HttpStatus.SEE_OTHER);
    }

    private void oidcCallback(Context ctx) {
        if (oidc == null) {
            ctx.status(HttpStatus.NOT_FOUND).result("single sign-on is not configured");
            return;
        }
        // Always drop the pre-login cookie: it serves one callback.
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        OIDC_COOKIE
                                + "=; Path=/oidc/; HttpOnly; SameSite=Lax; Max-Age=0"
                                + (config.secureCookies() ? "; Secure" : ""));
        URI callback =
                URI.create(
                        config.oidc().redirectUri()
                                + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        OidcLogin.Result result;
        try {
            result = oidc.callback(callback, ctx.cookie(OIDC_COOKIE));
        } catch (OidcLogin.ProviderException e) {
            LOG.error("single sign-on: {}", e.getMessage());
            audit.append(
                    new AuditLog.Entry(
                            "-",
                            "-",
                            "sso-unavailable",
                            "GET",
                            "/oidc/callback",
                            Map.of("reason", e.getMessage()),
                            502));
            providerDown(ctx);
            return;
        }
        if (result instanceof OidcLogin.Refused r) {
            loginFailures.increment();
            Map<String, String> f = new LinkedHashMap<>();
            f.put("method", "oidc");
            f.put("reason", r.reason());
            audit.append(
                    new AuditLog.Entry(
                            r.user() == null ? "-" : r.user(),
                            "-",
                            "sso-refused",
                            "GET",
                            "/oidc/callback",
                            f,
                            403));
            if (r.noRole()) {
                messagePage(
                        ctx,
                        HttpStatus.FORBIDDEN,
                        "Geen toegang",
                        "U bent aangemeld, maar uw account heeft geen rol voor dit dashboard"
                                + " (analist, adviseur of beheerder). Vraag de beheerder om u aan"
                                + " de juiste groep toe te voegen.",
                        "No access",
                        "You are signed in, but your account has no role for this dashboard"
                                + " (analyst, adviser or admin). Ask the administrator to add you"
                                + " to the right group.");
            } else {
                messagePage(
                        ctx,
                        HttpStatus.FORBIDDEN,
                        "Aanmelden mislukt",
                        "De aanmelding kon niet worden bevestigd. Begin opnieuw vanaf de"
                                + " inlogpagina.",
                        "Sign-in failed",
                        "The sign-in could not be confirmed. Start again from the login page.");
            }
            return;
        }
        OidcLogin.Success ok = (OidcLogin.Success) result;
        Session s = sessions.create(ok.user(), ok.role(), "oidc", ok.idToken());
        ctx.res().addHeader("Set-Cookie", sessionCookie(s.token(), -1));
        audit.append(
                new AuditLog.Entry(
                        s.user(),
                        s.role().wire(),
                        "login",
                        "GET",
                        "/oidc/callback",
                        Map.of("method", "oidc"),
                        200));
        // A page of our own instead of a redirect: the browser arrives here from the provider's
        // site, and a redirect in that same navigation would not carry the SameSite=Strict
        // session cookie. The refresh is a navigation from our own page, which does.
        ctx.contentType("text/html; charset=utf-8")
                .result(
                        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
                                + "<meta http-equiv=\"refresh\" content=\"0;url=/\">"
                                + "<title>Lezen van de stad</title>"
                                + "<link rel=\"stylesheet\" href=\"/assets/style.css\"></head>"
                                + "<body><main class=\"wrap narrow\"><p><a href=\"/\">"
                                + "Verder naar het dashboard / Continue to the dashboard</a></p>"
                                + "</main></body></html>");
    }

    private void providerDown(Context ctx) {
        messagePage(
                ctx,
                HttpStatus.BAD_GATEWAY,
                "Aanmeldservice niet bereikbaar",
                "De aanmeldservice van de organisatie antwoordt nu niet. Probeer het later"
                        + " opnieuw.",
                "Sign-in service unreachable",
                "The organisation's sign-in service does not answer right now. Try again"
                        + " later.");
    }

    /** A small page in Dutch and English with a link back to the login page. */
    private static void messagePage(
            Context ctx,
            HttpStatus status,
            String titleNl,
            String textNl,
            String titleEn,
            String textEn) {
        ctx.status(status)
                .contentType("text/html; charset=utf-8")
                .result(
                        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
                                + "<meta name=\"viewport\" content=\"width=device-width,"
                                + " initial-scale=1\"><title>"
                                + esc(titleNl)
                                + " — Lezen van de stad</title>"
                                + "<link rel=\"stylesheet\" href=\"/assets/style.css\"></head>"
                                + "<body><main id=\"main\" class=\"wrap narrow\">"
                                + "<h1>"
                                + esc(titleNl)
                                + "</h1><p class=\"error\" role=\"alert\">"
                                + esc(textNl)
                                + "</p><h2 lang=\"en\">"
                                + esc(titleEn)
                                + "</h2><p lang=\"en\">"
                                + esc(textEn)
                                + "</p><p><a href=\"/login\">Naar de inlogpagina / To the login"
                                + " page</a></p></main></body></html>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The client's address: the peer, or, when the peer is a trusted reverse proxy, the last
     * address in X-Forwarded-For that is not one (the nearest one a proxy of ours vouched for).
     */
    String clientAddress(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        List<String> proxies = config.trustedProxies();
        if (!proxies.contains(peer)) {
            return peer;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !proxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }

    private boolean sameOrigin(Context ctx, String origin) {
        String host = ctx.host();
        return host != null
                && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private String sessionCookie(String value, int maxAge) {
        return SESSION_COOKIE
                + "="
                + value
                + "; Path=/; HttpOnly; SameSite=Strict"
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "")
                + (config.secureCookies() ? "; Secure" : "");
    }

    private void logout(Context ctx) {
        Session s = ctx.attribute("session");
        sessions.invalidate(s.token());
        ctx.res().addHeader("Set-Cookie", sessionCookie("", 0));
        audit.append(
                new AuditLog.Entry(
                        s.user(), s.role().wire(), "logout", "POST", "/logout", Map.of(), 200));
        // A single sign-on session also ends at the provider, or the next login would pass
        // straight through without a password.
        String next = "/login";
        if (oidc != null && "oidc".equals(s.method())) {
            next = oidc.logoutUri(s.idToken()).map(URI::toString).orElse("/login");
        }
        ctx.json(Map.of("redirect", next));
    }

    private void sessionInfo(Context ctx) {
        Session s = ctx.attribute("session");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", s.user());
        out.put("role", s.role().wire());
        out.put("csrf", s.csrf());
        out.put("k", k);
        out.put(
                "minGranularity",
                Map.of("area", guard.minimum().area().wire(), "window", guard.minimum().window()));
        out.put("areas", views.overviewAreas());
        out.put("topics", Views.TOPICS);
        out.put("canAcknowledge", allowed(s.role(), "/api/alerts/x/ack", "POST"));
        out.put("canSeeSources", allowed(s.role(), "/api/sources", "GET"));
        ctx.json(out);
    }

    private void series(Context ctx) {
        String area = ctx.queryParam("area");
        String topic = Optional.ofNullable(ctx.queryParam("topic")).orElse(Topic.ALL_TOPICS);
        String window = Optional.ofNullable(ctx.queryParam("window")).orElse("24h");
        String range = Optional.ofNullable(ctx.queryParam("range")).orElse("7d");
        if (!Views.TOPICS.contains(topic) || !RANGES.containsKey(range)) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "unknown topic or range"));
            return;
        }
        GranularityGuard.Verdict v = guard.check(area, window);
        if (!v.allowed()) {
            if (v.unknown()) {
                ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", v.reason()));
            } else {
                refusals.increment();
                ctx.attribute("auditAction", "refused-granularity");
                ctx.status(HttpStatus.FORBIDDEN)
                        .json(
                                Map.of(
                                        "error", "drill-down below the minimum granularity refused",
                                        "reason", v.reason(),
                                        "minGranularity",
                                                Map.of(
                                                        "area",
                                                        guard.minimum().area().wire(),
                                                        "window",
                                                        guard.minimum().window())));
            }
            return;
        }
        ctx.json(views.series(v.area(), topic, v.windowHours(), RANGES.get(range)));
    }

    private void acknowledge(Context ctx) throws IOException {
        Session s = ctx.attribute("session");
        String id = ctx.pathParam("id");
        Optional<Alert> alert = state.alert(id);
        if (alert.isEmpty() || !views.visible(alert.get())) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no such alert"));
            return;
        }
        acks.acknowledge(id, s.user(), clock.instant());
        ctx.attribute("auditAction", "acknowledge");
        ctx.json(views.alert(alert.get()));
    }

    private void sources(Context ctx) {
        ctx.json(views.sourceHealth(restored.getAsBoolean(), lag.getAsLong()));
    }

    private void auditTail(Context ctx) throws IOException {
        List<String> lines = new ArrayList<>(audit.tail(200));
        ctx.contentType("application/x-ndjson; charset=utf-8")
                .result(String.join("\n", lines) + "\n");
    }
}
