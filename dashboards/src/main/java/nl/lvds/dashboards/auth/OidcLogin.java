package nl.lvds.dashboards.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.lvds.dashboards.DashboardConfig;

/**
 * OpenID Connect login (authorization code flow with PKCE) with the Nimbus OAuth 2.0 / OIDC SDK:
 * the provider's discovery document, the authorization redirect, the code exchange and the ID token
 * validation (signature against the provider's published keys, issuer, audience, expiry, nonce),
 * and the mapping of a group or role claim to a dashboard role.
 *
 * <p>Each login in progress is kept here under its {@code state}, with its nonce, its PKCE verifier
 * and a random value that is also set as a short-lived cookie in the browser that started it: a
 * callback is accepted once, within {@link #PENDING_TTL}, from that browser only. The discovery
 * document and the keys are fetched on first use and again after a failure, so the dashboard starts
 * even while the identity provider is down.
 */
public final class OidcLogin {

    /** How long a started login may take at the provider. */
    public static final Duration PENDING_TTL = Duration.ofMinutes(10);

    /** Logins in progress kept at most (a bound against floods of started logins). */
    static final int MAX_PENDING = 10_000;

    private static final int TIMEOUT_MS = 5_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A started login.
     *
     * @param redirect the provider's authorization URL to send the browser to
     * @param browserBinding the value for the pre-login cookie
     */
    public record Start(URI redirect, String browserBinding) {}

    /** The outcome of a callback. */
    public sealed interface Result {}

    /**
     * A validated login with a role.
     *
     * @param user the user name (the configured claim)
     * @param role the mapped role
     * @param idToken the ID token (kept for the logout hint)
     */
    public record Success(String user, Role role, String idToken) implements Result {}

    /**
     * A refused login.
     *
     * @param reason why, for the audit log (never token contents)
     * @param user the user name when the token was valid but gave no role, else null
     * @param noRole whether the token was valid and only the role was missing
     */
    public record Refused(String reason, String user, boolean noRole) implements Result {}

    /** The provider cannot be reached or answered nonsense. */
    public static final class ProviderException extends Exception {
        private static final long serialVersionUID = 1L;

        ProviderException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Pending(Nonce nonce, CodeVerifier verifier, String browser, Instant created) {}

    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

    private final DashboardConfig.Oidc cfg;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile Provider provider;

    /** A login against the configured provider. */
    public OidcLogin(DashboardConfig.Oidc cfg, Clock clock) {
        this.cfg = cfg;
        this.clock = clock;
    }

    /** The button text on the login page, or null for the default. */
    public String label() {
        return cfg.label();
    }

    /** Starts a login: the authorization URL and the value to bind the browser with. */
    public Start start() throws ProviderException {
        Provider p = provider();
        purgeExpired();
        if (pending.size() >= MAX_PENDING) {
            throw new ProviderException("too many logins in progress", null);
        }
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        String browser = randomToken();
        pending.put(state.getValue(), new Pending(nonce, verifier, browser, clock.instant()));
        AuthenticationRequest request =
                new AuthenticationRequest.Builder(
                                new ResponseType(ResponseType.Value.CODE),
                                new Scope(cfg.scopes().toArray(String[]::new)),
                                new ClientID(cfg.clientId()),
                                cfg.redirectUri())
                        .endpointURI(p.metadata().getAuthorizationEndpointURI())
                        .state(state)
                        .nonce(nonce)
                        .codeChallenge(verifier, CodeChallengeMethod.S256)
                        .build();
        return new Start(request.toURI(), browser);
    }

    /**
     * Completes a login from the provider's redirect back to us.
     *
     * @param callback the full callback URL as requested (with its query)
     * @param browserBinding the pre-login cookie's value, or null
     */
    public Result callback(URI callback, String browserBinding) throws ProviderException {
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(callback);
        } catch (ParseException e) {
            return new Refused("malformed callback: " + e.getMessage(), null, false);
        }
        Pending p =
                response.getState() == null ? null : pending.remove(response.getState().getValue());
        if (p == null) {
            return new Refused("unknown or already used state", null, false);
        }
        if (p.created().plus(PENDING_TTL).isBefore(clock.instant())) {
            return new Refused(
                    "login took longer than " + PENDING_TTL.toMinutes() + " min", null, false);
        }
        if (browserBinding == null
                || !MessageDigest.isEqual(
                        browserBinding.getBytes(StandardCharsets.UTF_8),
                        p.browser().getBytes(StandardCharsets.UTF_8))) {
            return new Refused(
                    "callback from another browser than the one that started", null, false);
        }
        if (!response.indicatesSuccess()) {
            return new Refused(
                    "provider error: " + response.toErrorResponse().getErrorObject().getCode(),
                    null,
                    false);
        }
        AuthenticationSuccessResponse ok = response.toSuccessResponse();
        AuthorizationCode code = ok.getAuthorizationCode();
        if (code == null) {
            return new Refused("no authorization code", null, false);
        }
        Provider prov = provider();
        JWT idToken;
        try {
            idToken = exchange(prov, code, p.verifier());
        } catch (ParseException | IOException e) {
            throw new ProviderException("token endpoint: " + e.getMessage(), e);
        } catch (TokenRefused e) {
            return new Refused(e.getMessage(), null, false);
        }
        IDTokenClaimsSet claims;
        try {
            claims = prov.validator().validate(idToken, p.nonce());
        } catch (BadJOSEException e) {
            return new Refused("ID token rejected: " + e.getMessage(), null, false);
        } catch (JOSEException e) {
            throw new ProviderException("ID token could not be checked: " + e.getMessage(), e);
        }
        Map<String, Object> json = claims.toJSONObject();
        String user = userName(json);
        Optional<Role> role = roleOf(json, cfg.roleClaim(), cfg.roles());
        if (role.isEmpty()) {
            return new Refused(
                    "no " + cfg.roleClaim() + " value maps to a dashboard role", user, true);
        }
        return new Success(user, role.get(), idToken.serialize());
    }

    /** Where to send the browser on logout: the provider's end-session URL, when it has one. */
    public Optional<URI> logoutUri(String idToken) {
        Provider p = provider;
        if (p == null || p.metadata().getEndSessionEndpointURI() == null) {
            return Optional.empty();
        }
        try {
            JWT hint = idToken == null ? null : com.nimbusds.jwt.JWTParser.parse(idToken);
            return Optional.of(
                    new LogoutRequest(
                                    p.metadata().getEndSessionEndpointURI(),
                                    hint,
                                    cfg.postLogoutRedirectUri(),
                                    null)
                            .toURI());
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    /** Logins in progress (tests, metrics). */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * The role for a set of claims: the widest role any value of {@code claim} maps to. A dotted
     * claim name reaches into objects ({@code realm_access.roles}); a claim may hold a string or a
     * list of strings.
     */
    public static Optional<Role> roleOf(
            Map<String, Object> claims, String claim, DashboardConfig.Roles roles) {
        Set<String> values = new LinkedHashSet<>();
        Object node = claims;
        for (String part : claim.split("\\.")) {
            node = node instanceof Map<?, ?> m ? m.get(part) : null;
        }
        if (node instanceof String s) {
            values.add(s);
        } else if (node instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s) {
                    values.add(s);
                }
            }
        }
        if (intersects(values, roles.admin())) {
            return Optional.of(Role.ADMIN);
        }
        if (intersects(values, roles.analyst())) {
            return Optional.of(Role.ANALYST);
        }
        if (intersects(values, roles.adviser())) {
            return Optional.of(Role.ADVISER);
        }
        return Optional.empty();
    }

    private static boolean intersects(Set<String> values, List<String> wanted) {
        for (String w : wanted) {
            if (values.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private String userName(Map<String, Object> claims) {
        for (String c : List.of(cfg.usernameClaim(), "preferred_username", "email", "sub")) {
            if (claims.get(c) instanceof String s && !s.isBlank()) {
                String clean = s.replaceAll("\\p{Cntrl}", "").strip();
                return clean.length() > 128 ? clean.substring(0, 128) : clean;
            }
        }
        return "-";
    }

    /** The token endpoint answered with an error. */
    private static final class TokenRefused extends Exception {
        private static final long serialVersionUID = 1L;

        TokenRefused(String message) {
            super(message);
        }
    }

    private JWT exchange(Provider p, AuthorizationCode code, CodeVerifier verifier)
            throws ParseException, IOException, TokenRefused {
        AuthorizationCodeGrant grant =
                new AuthorizationCodeGrant(code, cfg.redirectUri(), verifier);
        URI endpoint = p.metadata().getTokenEndpointURI();
        ClientID client = new ClientID(cfg.clientId());
        TokenRequest request;
        if (cfg.clientSecret() == null) {
            request = new TokenRequest(endpoint, client, grant);
        } else {
            List<ClientAuthenticationMethod> methods = p.metadata().getTokenEndpointAuthMethods();
            Secret secret = new Secret(cfg.clientSecret());
            boolean post =
                    methods != null
                            && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
            request =
                    new TokenRequest(
                            endpoint,
                            post
                                    ? new ClientSecretPost(client, secret)
                                    : new ClientSecretBasic(client, secret),
                            grant);
        }
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MS);
        http.setReadTimeout(TIMEOUT_MS);
        TokenResponse response = OIDCTokenResponseParser.parse(http.send());
        if (!response.indicatesSuccess()) {
            throw new TokenRefused(
                    "token endpoint refused: "
                            + response.toErrorResponse().getErrorObject().getCode());
        }
        JWT idToken =
                ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new TokenRefused("token response without an ID token");
        }
        return idToken;
    }

    private Provider provider() throws ProviderException {
        Provider p = provider;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (provider == null) {
                provider = resolve();
            }
            return provider;
        }
    }

    private Provider resolve() throws ProviderException {
        OIDCProviderMetadata md;
        try {
            md = OIDCProviderMetadata.resolve(new Issuer(cfg.issuer()), TIMEOUT_MS, TIMEOUT_MS);
        } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
            throw new ProviderException(
                    "cannot read the discovery document of " + cfg.issuer() + ": " + e.getMessage(),
                    e);
        }
        // Only asymmetric signatures: "none" and the HMAC family (keyed with the client secret)
        // are never accepted, whatever the provider advertises.
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        List<JWSAlgorithm> advertised = md.getIDTokenJWSAlgs();
        for (JWSAlgorithm a : advertised == null ? List.<JWSAlgorithm>of() : advertised) {
            if (JWSAlgorithm.Family.RSA.contains(a) || JWSAlgorithm.Family.EC.contains(a)) {
                algs.add(a);
            }
        }
        if (algs.isEmpty()) {
            algs.add(JWSAlgorithm.RS256);
        }
        JWKSource<SecurityContext> keys;
        try {
            keys =
                    JWKSourceBuilder.create(
                                    md.getJWKSetURI().toURL(),
                                    new DefaultResourceRetriever(
                                            TIMEOUT_MS, TIMEOUT_MS, 512 * 1024))
                            .build();
        } catch (java.net.MalformedURLException e) {
            throw new ProviderException("bad jwks_uri: " + md.getJWKSetURI(), e);
        }
        IDTokenValidator validator =
                new IDTokenValidator(
                        md.getIssuer(),
                        new ClientID(cfg.clientId()),
                        new JWSVerificationKeySelector<>(algs, keys),
                        null);
        validator.setMaxClockSkew(60);
        return new Provider(md, validator);
    }

    private void purgeExpired() {
        Instant limit = clock.instant().minus(PENDING_TTL);
        pending.values().removeIf(p -> p.created().isBefore(limit));
    }

    private static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
