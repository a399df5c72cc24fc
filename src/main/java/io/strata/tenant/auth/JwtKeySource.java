package io.strata.tenant.auth;

import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * Fills the key part of a SmallRye {@link JWTAuthContextInfo} from {@link JwtOptions}, failing at
 * start-up (IllegalArgumentException) rather than on the first request:
 * <ul>
 *   <li>PEM / base64 public keys and certificates are decoded here, and the accepted algorithms are
 *   narrowed to the key's family (an RSA key never verifies an ES256 token and vice versa);</li>
 *   <li>local JWK / JWKS content is checked to hold only asymmetric public keys (no {@code oct}
 *   keys, so no HMAC confusion), then handed to SmallRye;</li>
 *   <li>{@code http(s)} locations are left to SmallRye's JWKS fetcher (cached, refreshed).</li>
 * </ul>
 */
final class JwtKeySource {
    private static final int MAX_KEY_FILE = 1 << 20;

    private JwtKeySource() {}

    /** Configures the key and the algorithms; returns the algorithms tokens may use. */
    static Set<String> configure(JwtOptions options, JWTAuthContextInfo info) {
        Set<String> algorithms = options.algorithms();
        String location = options.publicKeyLocation();
        if (location != null && !location.isBlank()) {
            String l = location.strip();
            String lower = l.toLowerCase(Locale.ROOT);
            if (lower.startsWith("https://") || lower.startsWith("http://")) {
                info.setPublicKeyLocation(l);
                info.setKeyFormat(KeyFormat.JWK);
                info.setJwksRefreshInterval(options.jwksRefreshMinutes());
                info.setSignatureAlgorithm(toSmallRye(algorithms));
                return algorithms;
            }
            return configureContent(readLocal(l), algorithms, info);
        }
        return configureContent(options.publicKey(), algorithms, info);
    }

    private static Set<String> configureContent(String raw, Set<String> algorithms, JWTAuthContextInfo info) {
        String content = raw.strip();
        if (content.startsWith("{")) {
            checkJwks(content);
            info.setPublicKeyContent(content);
            info.setKeyFormat(KeyFormat.JWK);
            info.setSignatureAlgorithm(toSmallRye(algorithms));
            return algorithms;
        }
        PublicKey key = decodePem(content);
        List<String> family = key instanceof RSAPublicKey
                ? List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
                : key instanceof ECPublicKey ? List.of("ES256", "ES384", "ES512") : List.of();
        Set<String> usable = new java.util.TreeSet<>(algorithms);
        usable.retainAll(family);
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("the JWT public key is " + key.getAlgorithm()
                    + " but mp.jwt.verify.publickey.algorithm allows only " + algorithms);
        }
        info.setPublicVerificationKey(key);
        info.setSignatureAlgorithm(toSmallRye(usable));
        return Set.copyOf(usable);
    }

    private static Set<SignatureAlgorithm> toSmallRye(Set<String> algorithms) {
        Set<SignatureAlgorithm> out = EnumSet.noneOf(SignatureAlgorithm.class);
        for (String a : algorithms) {
            out.add(SignatureAlgorithm.fromAlgorithm(a));
        }
        return out;
    }

    private static void checkJwks(String json) {
        List<JsonWebKey> keys;
        try {
            keys = json.contains("\"keys\"") ? new JsonWebKeySet(json).getJsonWebKeys()
                    : List.of(JsonWebKey.Factory.newJwk(json));
        } catch (Exception e) {
            throw new IllegalArgumentException("the JWT key is neither PEM nor valid JWK/JWKS JSON: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the JWKS holds no keys");
        }
        for (JsonWebKey k : keys) {
            if (!(k instanceof PublicJsonWebKey)) {
                throw new IllegalArgumentException("the JWKS holds a symmetric ('" + k.getKeyType()
                        + "') key; only RSA and EC public keys are accepted");
            }
        }
    }

    static PublicKey decodePem(String content) {
        if (content.contains("-----BEGIN RSA PUBLIC KEY-----")) {
            throw new IllegalArgumentException(
                    "PKCS#1 'RSA PUBLIC KEY' PEM is not supported; convert it with: openssl rsa -RSAPublicKey_in -pubout");
        }
        try {
            if (content.contains("-----BEGIN CERTIFICATE-----")) {
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                return cf.generateCertificate(new ByteArrayInputStream(content.getBytes(StandardCharsets.US_ASCII)))
                        .getPublicKey();
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("the JWT certificate cannot be decoded: " + e.getMessage(), e);
        }
        String b64 = content.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWT public key is neither PEM, base64 nor JWK JSON", e);
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String alg : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(spec);
            } catch (java.security.GeneralSecurityException e) {
                // not this family; try the next
            }
        }
        throw new IllegalArgumentException("the JWT public key is neither an RSA nor an EC public key");
    }

    private static String readLocal(String location) {
        try {
            byte[] bytes;
            if (location.startsWith("classpath:")) {
                String name = location.substring("classpath:".length()).replaceFirst("^/", "");
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalArgumentException("JWT key location not found: " + location);
                    }
                    bytes = in.readNBytes(MAX_KEY_FILE + 1);
                }
            } else {
                Path p = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
                if (Files.size(p) > MAX_KEY_FILE) {
                    throw new IllegalArgumentException("JWT key file larger than 1 MiB: " + location);
                }
                bytes = Files.readAllBytes(p);
            }
            if (bytes.length > MAX_KEY_FILE) {
                throw new IllegalArgumentException("JWT key file larger than 1 MiB: " + location);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the JWT key location " + location + ": " + e, e);
        }
    }
}
