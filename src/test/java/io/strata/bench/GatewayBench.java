package io.strata.bench;

import io.strata.model.Labels;
import io.strata.tenant.access.AccessPolicy;
import io.strata.tenant.auth.AuthMethod;
import io.strata.tenant.auth.CompositeAuthenticator;
import io.strata.tenant.auth.Identity;
import io.strata.tenant.auth.RequestHeaders;
import io.strata.tenant.auth.RouteAccess;
import io.strata.tenant.auth.Scope;
import io.strata.tenant.auth.ScopePolicy;
import io.strata.tenant.auth.Tenancy;
import io.strata.tenant.auth.TenantResolution;
import io.strata.tenant.auth.TenantSelection;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the gateway filter adds to every request apart from credential checks (those are in
 * {@code tenant/auth/AuthBenchmark}): the scope-table lookup of a path, and header-mode
 * authentication + tenant resolution. Run (about 25 s):
 * {@code bench/jmh.sh GatewayBench -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class GatewayBench {
    private final CompositeAuthenticator header = new CompositeAuthenticator(Set.of(AuthMethod.HEADER), null, null);
    private final TenantResolution resolution = new TenantResolution(false);
    private final RequestHeaders headers = RequestHeaders.of(Map.of("X-Scope-OrgID", "tenant-a"));
    private final AccessPolicy policy = AccessPolicy.parse(List.of("{namespace=\"prod\"}", "{app=~\"web|api\"}"));
    private final Identity restricted = new Identity("u", AuthMethod.BASIC, Set.of("tenant-a"), false,
            Set.of(Scope.LOGS_READ), Map.of("tenant-a", policy));
    private final Labels stream = Labels.of("app", "api", "env", "prod", "namespace", "dev");

    @Benchmark
    public RouteAccess scopeLookupPush() {
        return ScopePolicy.lookup("POST", "/loki/api/v1/push");
    }

    @Benchmark
    public RouteAccess scopeLookupRuleGroup() {
        return ScopePolicy.lookup("GET", "/loki/api/v1/rules/ns/group");
    }

    @Benchmark
    public TenantSelection headerModeAdmit() {
        Identity id = header.authenticate(headers);
        ScopePolicy.authorize(id, "POST", "/loki/api/v1/push");
        return resolution.resolve(id, headers.single("X-Scope-OrgID"), Tenancy.SINGLE);
    }

    @Benchmark
    public boolean lbacStreamFilter() {
        return restricted.policy("tenant-a").allows(stream);
    }
}
