package io.strata.api;

import io.strata.tenant.TenantLimits;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Opens the {@link ReadRequest} of a read route: caller, parameters, effective limits, cancellation. */
@Singleton
class ReadRequests {
    private final RequestTenancy tenancy;
    private final TenantLimits limits;
    private final Clock clock;
    private final QueryTracker tracker;

    ReadRequests(RequestTenancy tenancy, TenantLimits limits, Clock clock, QueryTracker tracker) {
        this.tenancy = tenancy;
        this.limits = limits;
        this.clock = clock;
        this.tracker = tracker;
    }

    ReadRequest open(RoutingContext ctx) {
        return ReadRequest.of(ctx, tenancy, limits, clock, tracker);
    }
}
