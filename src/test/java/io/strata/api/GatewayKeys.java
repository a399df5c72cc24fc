package io.strata.api;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/** Keys made per test run (RS256, ES256, and an attacker's RSA key), tokens signed with them, forged tokens. */
final class GatewayKeys {
    static final KeyPair RSA = shared("RSA", "rsa");
    static final KeyPair EC = shared("EC", "ec");
    static final KeyPair ATTACKER = generate("RSA");
    static final String JWKS = jwks();

    private GatewayKeys() {}

    /**
     * One key pair per JVM: Quarkus loads test classes in more than one class loader (the profile is
     * read in one, the test runs in another), so the pair is kept in a system property.
     */
    private static synchronized KeyPair shared(String alg, String name) {
        String prop = "gateway-test-key-" + name;
        String kept = System.getProperty(prop);
        try {
            KeyFactory f = KeyFactory.getInstance(alg);
            if (kept != null) {
                String[] p = kept.split(",");
                Base64.Decoder d = Base64.getDecoder();
                return new KeyPair(f.generatePublic(new X509EncodedKeySpec(d.decode(p[0]))),
                        f.generatePrivate(new PKCS8EncodedKeySpec(d.decode(p[1]))));
            }
            KeyPair k = generate(alg);
            Base64.Encoder e = Base64.getEncoder();
            System.setProperty(prop, e.encodeToString(k.getPublic().getEncoded()) + ","
                    + e.encodeToString(k.getPrivate().getEncoded()));
            return k;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String alg) {
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

    private static String jwks() {
        try {
            RsaJsonWebKey r = new RsaJsonWebKey((RSAPublicKey) RSA.getPublic());
            r.setKeyId("rsa-1");
            EllipticCurveJsonWebKey e = new EllipticCurveJsonWebKey((ECPublicKey) EC.getPublic());
            e.setKeyId("ec-1");
            return new JsonWebKeySet(List.<PublicJsonWebKey>of(r, e)).toJson();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static JwtClaimsBuilder claims(Object tenant, String scope) {
        JwtClaimsBuilder b = Jwt.claims().subject("svc-1").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
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

    static String attacker(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId("rsa-1").sign(ATTACKER.getPrivate());
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String payload(String tenant) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":\"forger\",\"tenant\":\"" + tenant + "\",\"scope\":\"logs:read logs:write\",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + "}";
    }

    static String unsigned(String tenant) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload(tenant)) + ".";
    }

    /** HS256 with the RSA public key as the HMAC secret (key confusion). */
    static String hmacWithPublicKey(String tenant) {
        try {
            String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"rsa-1\"}") + "." + b64(payload(tenant));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(RSA.getPublic().getEncoded(), "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token with its payload swapped for one naming another tenant. */
    static String tampered(String token, String tenant) {
        String[] p = token.split("\\.");
        return p[0] + "." + b64(payload(tenant)) + "." + p[2];
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
