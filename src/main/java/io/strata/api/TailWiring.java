package io.strata.api;

import io.strata.compactor.DeleteFilter;
import io.strata.query.LiveTail;
import io.strata.storage.LogReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.function.UnaryOperator;

/** Produces the one {@link LiveTail} hub shared by the push path ({@link Wiring}) and {@link TailRoutes}. */
@ApplicationScoped
public class TailWiring {
    @Produces
    @Singleton
    LiveTail liveTail() {
        return new LiveTail();
    }

    /**
     * The filtering queries get ({@link QueryWiring}): with retention on, lines covered by delete
     * requests are dropped; null when retention is off (nothing to filter).
     */
    static UnaryOperator<LogReader> deleteFilter(CompactorLifecycle compactor) {
        if (!compactor.retentionEnabled()) {
            return null;
        }
        return reader -> new DeleteFilter(reader, compactor.deletes()::forQuery);
    }
}
