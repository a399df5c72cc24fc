package io.strata.tenant.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/** Keys generated per test run and tokens signed with them (good ones via SmallRye's builder, forged ones by hand). */
final class TestTokens {
    static final KeyPair RSA = generate("RSA");
    static final KeyPair EC = generate("EC");
    static final KeyPair OTHER_RSA = generate("RSA");

    private TestTokens() {}

    static KeyPair generate(String alg) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (alg.equals("EC")) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** A JWKS with the RSA key as kid "rsa-1" and the EC key as kid "ec-1". */
    static String jwks() {
        try {
            RsaJsonWebKey r = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) RSA.getPublic());
            r.setKeyId("rsa-1");
            EllipticCurveJsonWebKey e = new EllipticCurveJsonWebKey((java.security.interfaces.ECPublicKey) EC.getPublic());
            e.setKeyId("ec-1");
            return new JsonWebKeySet(List.<PublicJsonWebKey>of(r, e)).toJson();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Claims of a valid token for the given tenant claim value, valid for 5 minutes. */
    static JwtClaimsBuilder claims(Object tenant, String scope) {
        JwtClaimsBuilder b = Jwt.claims().subject("user-1").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300));
        if (tenant != null) {
            b.claim("tenant", tenant);
        }
        if (scope != null) {
            b.claim("scope", scope);
        }
        return b;
    }

    static String rs256(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId("rsa-1").sign(RSA.getPrivate());
    }

    static String es256(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.ES256).keyId("ec-1").sign(EC.getPrivate());
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String payload(String tenant) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":\"forger\",\"tenant\":\"" + tenant + "\",\"scope\":\"logs:read logs:write\",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + "}";
    }

    /** {@code alg: none}, no signature. */
    static String unsigned(String tenant) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload(tenant)) + ".";
    }

    /** HS256 "signed" with the RSA public key bytes as the secret (the classic key-confusion attack). */
    static String hmacWithPublicKey(String tenant) {
        try {
            String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"rsa-1\"}") + "." + b64(payload(tenant));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pem(RSA.getPublic()).getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload is swapped for one naming another tenant (signature kept). */
    static String tampered(String validToken, String tenant) {
        String[] parts = validToken.split("\\.");
        return parts[0] + "." + b64(payload(tenant)) + "." + parts[2];
    }

    static RequestHeaders bearer(String token) {
        return RequestHeaders.of(Map.of("Authorization", "Bearer " + token));
    }

    static RequestHeaders basic(String user, String password) {
        return RequestHeaders.of(Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

}
