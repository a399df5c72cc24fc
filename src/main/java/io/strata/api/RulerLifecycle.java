package io.strata.api;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strata.config.PrometheusDuration;
import io.strata.config.RulerConfig;
import io.strata.config.StrataConfig;
import io.strata.logql.engine.EngineOptions;
import io.strata.metrics.MetricsRegistry;
import io.strata.query.QueryService;
import io.strata.ruler.DirectoryRuleStore;
import io.strata.ruler.EngineRuleQuerier;
import io.strata.ruler.LogqlExpressionChecker;
import io.strata.ruler.RuleGroupValidator;
import io.strata.ruler.Ruler;
import io.strata.ruler.RulerOptions;
import io.strata.ruler.RulerTenantOptions;
import io.strata.ruler.RulerTenantOverrides;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import io.strata.tenant.overrides.TenantFile;
import io.strata.tenant.overrides.TenantsDirectory;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Builds the ruler from {@code strata.ruler.*}: rules in {@code STRATA_RULER_DIR}, rule queries
 * through the LogQL engine over storage, alert state under {@code <data-dir>/ruler}. Evaluation starts
 * at startup in targets {@code all} and {@code backend} (as in Loki's single binary and backend
 * target; rule queries read through the writers there, see {@link StorageLifecycle#reader()}) and
 * stops at shutdown before storage closes, saving alert state.
 */
@Singleton
public class RulerLifecycle {
    private static final Logger LOG = Logger.getLogger(RulerLifecycle.class);

    private final Ruler ruler;
    private final Path rulesDir;
    private final boolean runs;

    RulerLifecycle(StrataConfig strata, RulerConfig config, StorageLifecycle storage, TenantLimits limits,
            MetricsRegistry metrics, Clock clock, Instance<TenantsDirectory> tenantsDirectory, Roles roles) {
        this.runs = roles.runsBackend();
        RulerOptions options = options(strata, config);
        this.rulesDir = config.dir();
        Duration queryTimeout = PrometheusDuration.parse(config.queryTimeout());
        QueryService queries = new QueryService(storage.reader());
        EngineRuleQuerier querier = new EngineRuleQuerier(queries, tenant -> {
            Limits l = limits.forTenant(tenant);
            Duration timeout = queryTimeout.isZero() ? l.queryTimeout() : queryTimeout;
            return new EngineRuleQuerier.TenantQueryOptions(
                    new EngineOptions(l.maxQuerySeries(), l.maxEntriesLimitPerQuery(), false), timeout);
        });
        LogqlExpressionChecker checker = new LogqlExpressionChecker();
        this.ruler = new Ruler(options, new DirectoryRuleStore(config.dir(), new RuleGroupValidator(checker)),
                querier, checker, tenantOptions(tenantsDirectory), clock);
        metrics.registry().register(new RulerMetrics(ruler.counters()));
    }

    /**
     * Per-tenant ruler overrides from {@code tenants/<tenant>.yaml} when a {@link TenantsDirectory} bean
     * exists (the auth wiring provides it), cached per file version; otherwise the defaults.
     */
    private static Function<String, RulerTenantOptions> tenantOptions(Instance<TenantsDirectory> directory) {
        if (!directory.isResolvable()) {
            return tenant -> RulerTenantOptions.DEFAULTS;
        }
        Map<String, Map.Entry<String, RulerTenantOptions>> cache = new ConcurrentHashMap<>();
        return tenant -> {
            TenantFile file = directory.get().snapshot().tenants().get(tenant);
            if (file == null) {
                return RulerTenantOptions.DEFAULTS;
            }
            Map.Entry<String, RulerTenantOptions> cached = cache.get(tenant);
            if (cached != null && cached.getKey().equals(file.contentHash())) {
                return cached.getValue();
            }
            RulerTenantOptions o = RulerTenantOverrides.from(tenant, file.limitValues());
            cache.put(tenant, Map.entry(file.contentHash(), o));
            return o;
        };
    }

    static RulerOptions options(StrataConfig strata, RulerConfig config) {
        Path stateDir = config.stateDir().orElse(strata.dataDir().resolve("ruler"));
        Duration interval = PrometheusDuration.parse(config.evaluationInterval());
        if (interval.isZero()) {
            throw new IllegalArgumentException("strata.ruler.evaluation-interval must be positive");
        }
        RulerOptions d = RulerOptions.defaults();
        RulerOptions o = new RulerOptions(interval, PrometheusDuration.parse(config.pollInterval()), d.resendDelay(),
                d.resolvedRetention(), d.forOutageTolerance(), config.externalUrl().orElse(""),
                config.datasourceUid().orElse(""), externalLabels(config.externalLabels().orElse("")),
                RulerOptions.parseUrls(config.alertmanagerUrl().orElse("")), null, stateDir, d.queueCapacity(),
                d.httpTimeout(), d.maxAttempts(), d.initialBackoff(), d.maxBackoff());
        String rw = config.remoteWriteUrl().orElse("").strip();
        return rw.isEmpty() ? o : o.withRemoteWriteUrl(URI.create(rw));
    }

    /** {@code k1=v1,k2=v2}; blanks ignored. */
    static Map<String, String> externalLabels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("strata.ruler.external-labels: expected name=value, got '"
                        + pair.strip() + "'");
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    void onStart(@Observes StartupEvent event) {
        if (!runs) {
            return; // targets write/read: the backend evaluates rules (its querier reads through the writers)
        }
        ruler.start();
        LOG.infof("ruler started, rules from %s", rulesDir.toAbsolutePath());
    }

    /** Before storage closes (lower priority value = earlier): stop evaluating, save alert state. */
    void onStop(@Observes @Priority(1000) ShutdownEvent event) {
        ruler.close();
    }

    public Ruler ruler() {
        return ruler;
    }
}
