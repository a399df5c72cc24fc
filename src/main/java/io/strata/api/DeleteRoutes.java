package io.strata.api;

import io.strata.compactor.TenantSettings;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import io.strata.storage.DeleteRequestRecord;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;

/**
 * Loki's log deletion API (API.md §5.5), registered only when {@code strata.compactor.retention-enabled}
 * is true, as Loki registers it only with {@code retention_enabled} (otherwise the path is a 404):
 * {@code POST|PUT /loki/api/v1/delete} (204, {@code X-Delete-Request-ID}), {@code GET} (JSON list),
 * {@code DELETE ?request_id=[&force=true]} (204). Parameters come from the URL query only; errors
 * are Go's {@code http.Error} plain text; a tenant whose {@code deletion_mode} is {@code disabled}
 * gets 403 {@code deletion is not available for this tenant}.
 */
@ApplicationScoped
public class DeleteRoutes {
    static final String PATH = "/loki/api/v1/delete";

    @Inject
    RequestTenancy tenancy;

    @Inject
    CompactorLifecycle compactor;

    void init(@Observes Router router) {
        if (!compactor.retentionEnabled()) {
            return;
        }
        router.route(PATH).order(-10).handler(ctx -> {
            ctx.put(HttpRoutes.ROUTE_KEY, "loki_api_v1_delete");
            ctx.next();
        });
        route(router, HttpMethod.POST, this::add);
        route(router, HttpMethod.PUT, this::add);
        route(router, HttpMethod.GET, this::list);
        route(router, HttpMethod.DELETE, this::cancel);
    }

    private static void route(Router router, HttpMethod method, Handler<RoutingContext> h) {
        router.route(PATH).method(method).blockingHandler(ctx -> {
            try {
                h.handle(ctx);
            } catch (RuntimeException | Error e) {
                ErrorResponses.write(ctx, e);
            }
        }, false);
    }

    private String tenant(RoutingContext ctx) {
        String tenant = tenancy.single(ctx).tenant();
        TenantSettings s = compactor.settings(tenant);
        if (!s.deletionEnabled()) {
            throw new StrataException(ErrorCategory.FORBIDDEN, "deletion is not available for this tenant");
        }
        return tenant;
    }

    private static String param(RoutingContext ctx, String name) {
        List<String> v = ctx.queryParam(name);
        return v.isEmpty() ? "" : v.get(0);
    }

    private void add(RoutingContext ctx) {
        String tenant = tenant(ctx);
        String id = compactor.deletes().add(tenant, param(ctx, "query"), param(ctx, "start"), param(ctx, "end"),
                param(ctx, "max_interval"));
        ctx.response().putHeader("X-Delete-Request-ID", id).setStatusCode(204).end();
    }

    private void list(RoutingContext ctx) {
        String tenant = tenant(ctx);
        List<DeleteRequestRecord> all = compactor.deletes().list(tenant, param(ctx, "start"), param(ctx, "end"));
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(json(all));
    }

    private void cancel(RoutingContext ctx) {
        String tenant = tenant(ctx);
        compactor.deletes().cancel(tenant, param(ctx, "request_id"), param(ctx, "force").equals("true"));
        ctx.response().setStatusCode(204).end();
    }

    /** Go's {@code json.Encoder} output of Loki's list: fields in proto order, HTML-escaped strings, a final newline. */
    static String json(List<DeleteRequestRecord> requests) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < requests.size(); i++) {
            DeleteRequestRecord r = requests.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"request_id\":");
            string(sb, r.id());
            sb.append(",\"start_time\":").append(seconds(r.startMillis()));
            sb.append(",\"end_time\":").append(seconds(r.endMillis()));
            sb.append(",\"query\":");
            string(sb, r.query());
            sb.append(",\"status\":");
            string(sb, r.status());
            sb.append(",\"created_at\":").append(seconds(r.createdAtMillis()));
            sb.append(",\"user_id\":\"\"}");
        }
        return sb.append("]\n").toString();
    }

    /** Prometheus {@code model.Time} JSON: seconds, shortest form, up to 3 decimals. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
