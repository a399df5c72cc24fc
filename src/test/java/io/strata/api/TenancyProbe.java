package io.strata.api;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.model.Direction;
import io.strata.query.QueryContext;
import io.strata.query.QueryService;
import io.strata.query.QueryStatistics;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Test-only: on requests carrying {@code X-Strata-Probe}, answers in place of the real handler of a
 * known route (after the gateway filter ran) with what the handler would get: the {@link Caller}'s
 * tenants, the {@code X-Scope-OrgID}/{@code X-Prom-Label-Policy} headers left on the request, and
 * for reads the streams {@code QueryService} returns for {@code query} through the Caller's filters.
 * Requests without the header go on to the real handlers untouched.
 */
@ApplicationScoped
public class TenancyProbe {
    static final String HEADER = "X-Strata-Probe";

    @Inject
    RequestTenancy tenancy;

    @Inject
    StorageLifecycle storage;

    void init(@Observes Router router) {
        for (String path : List.of("/loki/api/v1/query_range", "/loki/api/v1/labels", "/loki/api/v1/tail",
                "/loki/api/v1/push", "/strata-test/unlisted")) {
            router.route(path).order(-1).handler(ctx -> {
                if (ctx.request().getHeader(HEADER) == null) {
                    ctx.next();
                } else {
                    ctx.vertx().executeBlocking(() -> {
                        probe(ctx, path);
                        return null;
                    }, false);
                }
            });
        }
    }

    private void probe(RoutingContext ctx, String path) {
        try {
            boolean single = path.endsWith("/tail") || path.endsWith("/push");
            Caller caller = single ? tenancy.single(ctx) : tenancy.read(ctx);
            StringBuilder sb = new StringBuilder("{\"tenants\":").append(strings(caller.tenants()));
            sb.append(",\"orgId\":").append(quote(ctx.request().getHeader("X-Scope-OrgID")));
            sb.append(",\"labelPolicy\":").append(quote(ctx.request().getHeader("X-Prom-Label-Policy")));
            sb.append(",\"filtered\":").append(strings(new ArrayList<>(new TreeSet<>(caller.streamFilters().keySet()))));
            String q = ctx.request().getParam("query");
            if (q != null) {
                QueryContext qc = new QueryContext(caller.tenants(), caller.streamFilters(), EngineOptions.DEFAULTS,
                        QueryGuard.NONE, new QueryStatistics());
                long now = System.currentTimeMillis() * 1_000_000L;
                QueryResult r = new QueryService(storage.reader()).query(qc,
                        new QueryRequest(q, now - 3_600_000_000_000L, now + 1, 0, 0, 1000, Direction.FORWARD, false));
                List<String> streams = new ArrayList<>();
                if (r instanceof QueryResult.Streams s) {
                    s.streams().forEach(st -> streams.add(st.labels().toString()));
                }
                sb.append(",\"streams\":").append(strings(streams));
            }
            ctx.response().putHeader("Content-Type", "application/json").end(sb.append('}').toString());
        } catch (RuntimeException e) {
            ErrorResponses.write(ctx, e);
        }
    }

    private static String strings(List<String> values) {
        List<String> q = new ArrayList<>();
        values.forEach(v -> q.add(quote(v)));
        return "[" + String.join(",", q) + "]";
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
