package io.strata.api;

import io.strata.query.QueryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CDI producer of the {@link QueryService} over the storage engine's read seam, with a small
 * pool (at most the core count, at most 4, daemon threads) for parallel step groups of range
 * metric queries; {@code strata.query.parallelism} (system property) overrides the size, 1 turns it off.
 */
@ApplicationScoped
public class QueryWiring {
    @Produces
    @Singleton
    QueryService queryService(StorageLifecycle storage, CompactorLifecycle compactor) {
        // Loki's queriers drop lines covered by delete requests (deletion_mode filter-*)
        io.strata.storage.LogReader reader = compactor.retentionEnabled()
                ? new io.strata.compactor.DeleteFilter(storage.reader(), compactor.deletes()::forQuery)
                : storage.reader();
        int parallelism = Integer.getInteger("strata.query.parallelism",
                Math.min(4, Runtime.getRuntime().availableProcessors()));
        if (parallelism <= 1) {
            return new QueryService(reader);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "strata-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new QueryService(reader, pool, parallelism);
    }
}
