package io.strata.api;

import io.strata.query.QueryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI producer of the {@link QueryService} over the storage engine's read seam. */
@ApplicationScoped
public class QueryWiring {
    @Produces
    @Singleton
    QueryService queryService(StorageLifecycle storage) {
        return new QueryService(storage.reader());
    }
}
