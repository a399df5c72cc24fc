package io.strata.tenant.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mode {@code basic}: {@code Authorization: Basic base64(user:password)} checked against the bcrypt
 * hashes of {@code tenants/}. The password is always run through bcrypt: an unknown user is
 * checked against a dummy hash of the directory's usual cost, so "no such user" and "wrong
 * password" take the same time and give the same answer; the final comparison inside bcrypt is
 * constant-time. Passwords over 72 bytes (bcrypt's limit) are refused the same way.
 *
 * <p>Successful checks are remembered for {@value #CACHE_MINUTES} minutes under a SHA-256 of
 * user, password and stored hash (never the password itself), so a shipper pushing every second
 * does not pay a bcrypt per request; a changed hash in {@code tenants/} misses the cache at once.
 * Failures are never cached. Thread-safe.
 */
public final class BasicAuthenticator implements Authenticator {
    static final int CACHE_MINUTES = 5;
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MAX_USERNAME_LENGTH = 256;
    static final String MISSING =
            "no credentials: send basic auth (user and password of a user in tenants/<tenant>.yaml)";

    private final UserDirectory users;
    private final Cache<String, Boolean> recent;
    private final Map<Integer, String> dummyHashes = new ConcurrentHashMap<>();
    private final byte[] cacheSalt = new byte[16];

    public BasicAuthenticator(UserDirectory users) {
        this.users = users;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(CACHE_MINUTES)).build();
        new SecureRandom().nextBytes(cacheSalt);
        dummyHash(users.typicalCost());
    }

    @Override
    public Identity authenticate(RequestHeaders headers) {
        Credentials c = Credentials.from(headers);
        if (c == null) {
            throw new StrataException(ErrorCategory.UNAUTHENTICATED, MISSING);
        }
        if (!c.schemeKey().equals("basic")) {
            throw new StrataException(ErrorCategory.UNAUTHENTICATED,
                    "unsupported Authorization scheme '" + c.scheme() + "': send basic auth");
        }
        return authenticateBasic(c.value());
    }

    @Override
    public String challenge() {
        return "Basic realm=\"strata\", charset=\"UTF-8\"";
    }

    /** Checks the base64 part of a Basic Authorization header. */
    public Identity authenticateBasic(String base64) {
        String decoded;
        try {
            byte[] raw = Base64.getDecoder().decode(base64.strip());
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw Credentials.malformed("basic credentials are not base64 of UTF-8 'user:password'");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw Credentials.malformed("basic credentials lack the ':' between user and password");
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (username.isEmpty()) {
            throw new StrataException(ErrorCategory.UNAUTHENTICATED, "invalid credentials: empty user name");
        }
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        BasicUser user = username.length() <= MAX_USERNAME_LENGTH ? users.find(username) : null;
        if (user != null && pw.length <= MAX_PASSWORD_BYTES) {
            String key = cacheKey(username, pw, user.passwordHash());
            if (recent.getIfPresent(key) != null || verify(pw, user.passwordHash())) {
                recent.put(key, Boolean.TRUE);
                return new Identity(user.username(), AuthMethod.BASIC, Set.of(user.tenant()), false, user.scopes(),
                        user.policy().unrestricted() ? Map.of() : Map.of(user.tenant(), user.policy()));
            }
        } else {
            int cost = user != null ? user.cost() : users.typicalCost();
            verify(pw.length <= MAX_PASSWORD_BYTES ? pw : new byte[] {0}, dummyHash(cost));
        }
        throw new StrataException(ErrorCategory.UNAUTHENTICATED, "invalid credentials: unknown user or wrong password");
    }

    private static boolean verify(byte[] password, String hash) {
        try {
            return BCrypt.verifyer().verify(password, hash.getBytes(StandardCharsets.US_ASCII)).verified;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String dummyHash(int cost) {
        int c = Math.max(BCrypt.MIN_COST, Math.min(cost, 16));
        return dummyHashes.computeIfAbsent(c, k -> new String(
                BCrypt.withDefaults().hash(k, "strata-dummy-password".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.US_ASCII));
    }

    private String cacheKey(String username, byte[] password, String hash) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(cacheSalt);
            d.update(username.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(password);
            d.update((byte) 0);
            d.update(hash.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
