package io.strata.tenant.auth;

import io.strata.model.Labels;
import io.strata.tenant.access.AccessPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-request cost of the auth chain. Run (about 40 s):
 * {@code java -cp <test classpath> org.openjdk.jmh.Main AuthBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AuthBenchmark {
    JwtAuthenticator rsa;
    JwtAuthenticator ec;
    String rsaToken;
    String ecToken;
    BasicAuthenticator basic;
    String basicValue;
    CompositeAuthenticator composite;
    RequestHeaders bearerHeaders;
    TenantResolution resolution;
    Identity identity;
    AccessPolicy policy;
    Labels[] streams;

    @Setup
    public void setup() {
        rsa = new JwtAuthenticator(JwtOptions.withPublicKey(TestTokens.pem(TestTokens.RSA.getPublic())));
        ec = new JwtAuthenticator(JwtOptions.withPublicKey(TestTokens.pem(TestTokens.EC.getPublic())));
        rsaToken = TestTokens.rs256(TestTokens.claims(List.of("tenant-a", "tenant-b"), "logs:read logs:write")
                .claim("lbac", List.of("{namespace=\"prod\"}")));
        ecToken = TestTokens.es256(TestTokens.claims("tenant-a", "logs:read"));
        BasicUser user = new BasicUser("grafana", "tenant-a", BasicAuthenticatorTest.hash("pw", 10),
                Set.of(io.strata.tenant.auth.Scope.LOGS_READ), null);
        basic = new BasicAuthenticator(n -> n.equals("grafana") ? user : null);
        basicValue = java.util.Base64.getEncoder().encodeToString("grafana:pw".getBytes());
        basic.authenticateBasic(basicValue);
        composite = new CompositeAuthenticator(Set.of(AuthMethod.JWT, AuthMethod.BASIC), rsa, basic);
        bearerHeaders = RequestHeaders.of(Map.of("Authorization", "Bearer " + rsaToken, "X-Scope-OrgID", "tenant-a"));
        resolution = new TenantResolution(true);
        identity = rsa.authenticateToken(rsaToken);
        policy = AccessPolicy.parse(List.of("{namespace=\"prod\"}", "{app=\"web\", env=~\"staging|prod\"}"));
        streams = new Labels[] {Labels.of("namespace", "prod", "app", "api"), Labels.of("namespace", "dev", "app", "web",
                "env", "production"), Labels.of("app", "web", "env", "staging", "pod", "web-1")};
    }

    @Benchmark
    public Identity jwtRs256Verify() {
        return rsa.verifyUncached(rsaToken);
    }

    @Benchmark
    public Identity jwtEs256Verify() {
        return ec.verifyUncached(ecToken);
    }

    @Benchmark
    public Identity jwtCached() {
        return rsa.authenticateToken(rsaToken);
    }

    @Benchmark
    public Identity basicCached() {
        return basic.authenticateBasic(basicValue);
    }

    @Benchmark
    public TenantSelection fullChainCachedJwt() {
        Identity id = composite.authenticate(bearerHeaders);
        RouteAccess a = ScopePolicy.authorize(id, "GET", "/loki/api/v1/query_range");
        return resolution.resolve(id, bearerHeaders.single(RequestHeaders.ORG_ID), a.tenancy());
    }

    @Benchmark
    public int lbacAllowsThreeStreams() {
        int n = 0;
        for (Labels l : streams) {
            if (policy.allows(l)) {
                n++;
            }
        }
        return n;
    }
}
