package io.strata.api;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryGuard;
import io.strata.query.QueryContext;
import io.strata.query.QueryStatistics;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;

/** Turns a {@link Caller} into a {@link QueryContext} with the first tenant's limits and query timeout. */
final class QueryContexts {
    private QueryContexts() {}

    static QueryContext of(Caller caller, TenantLimits limits) {
        Limits l = limits.forTenant(caller.tenant());
        EngineOptions options = new EngineOptions(l.maxQuerySeries(), l.maxEntriesLimitPerQuery(), true);
        QueryGuard guard = QueryGuard.withTimeout(l.queryTimeout().toNanos(), () -> false);
        return new QueryContext(caller.tenants(), caller.streamFilters(), options, guard, new QueryStatistics());
    }

    static QueryParams params(RoutingContext ctx, Clock clock) {
        MultiMap m = ctx.request().params();
        Instant now = clock.instant();
        return new QueryParams(m::get, m::getAll, now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }

    /** Go's {@code strconv.Atoi} with a default for an empty value, and its error text. */
    static long atoi(String v, long def) {
        if (v.isEmpty()) {
            return def;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw io.strata.model.StrataException.badRequest("strconv.Atoi: parsing " + QueryParams.goQuote(v) + ": "
                    + (v.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax"));
        }
    }

    static void json(RoutingContext ctx, byte[] body) {
        ctx.response().headers().remove("Content-Encoding");
        ctx.response().putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
