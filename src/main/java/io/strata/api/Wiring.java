package io.strata.api;

import io.strata.config.StrataConfig;
import io.strata.ingest.Distributor;
import io.strata.ingest.PushBodyReader;
import io.strata.metrics.HttpMetrics;
import io.strata.metrics.IngestMetrics;
import io.strata.metrics.MetricsRegistry;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import io.strata.tenant.overrides.TenantsDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * CDI producers: the only place where configuration becomes plain objects for the core
 * (constructor injection everywhere below). The storage engine is opened by {@link StorageLifecycle}.
 */
@ApplicationScoped
public class Wiring {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    MetricsRegistry metricsRegistry() {
        return new MetricsRegistry(BuildInfo.VERSION, System.getProperty("strata.revision", ""));
    }

    @Produces
    @Singleton
    IngestMetrics ingestMetrics(MetricsRegistry registry) {
        return new IngestMetrics(registry.registry());
    }

    @Produces
    @Singleton
    HttpMetrics httpMetrics(MetricsRegistry registry) {
        return new HttpMetrics(registry.registry());
    }

    @Produces
    @Singleton
    TenantLimits tenantLimits(StrataConfig config, TenantsDirectory tenants) {
        TenantLimits limits = new TenantLimits(Limits.from(config.limits()));
        tenants.addListener(limits::update);
        limits.update(tenants.snapshot());
        return limits;
    }

    @Produces
    @Singleton
    PushBodyReader pushBodyReader(StrataConfig config) {
        return new PushBodyReader(config.maxRecvMsgSizeBytes(), config.maxDecompressedSizeBytes());
    }

    @Produces
    @Singleton
    Distributor distributor(StorageLifecycle storage, TenantLimits limits, Clock clock, IngestMetrics metrics,
            io.strata.query.LiveTail liveTail) {
        return new Distributor(liveTail.watch(storage.writer()), limits, clock, metrics);
    }
}
