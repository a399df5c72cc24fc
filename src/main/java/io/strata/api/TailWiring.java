package io.strata.api;

import io.strata.query.LiveTail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Produces the one {@link LiveTail} hub shared by the push path ({@link Wiring}) and {@link TailRoutes}. */
@ApplicationScoped
public class TailWiring {
    @Produces
    @Singleton
    LiveTail liveTail() {
        return new LiveTail();
    }
}
