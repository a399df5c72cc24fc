package io.strata.api;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Label;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.SelectorParser;
import io.strata.model.StrataException;
import io.strata.storage.ChunkSummaryCodec;
import io.strata.storage.EntryStreamCodec;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import io.strata.tenant.auth.TenantIds;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;

/**
 * A writer's internal API (roles {@code write} and {@code all}), which readers call for data not yet
 * in their synced index (io/strata/cluster/README.md): {@code GET /strata/internal/v1/streams},
 * {@code GET /strata/internal/v1/entries} and {@code GET /strata/internal/v1/summaries}, answering
 * {@code application/octet-stream} bodies of {@link EntryStreamCodec} (summaries: {@link ChunkSummaryCodec}),
 * written while the storage iterator runs. The tenant comes from the {@code tenant} parameter, validated like {@code X-Scope-OrgID}, with no authentication: a gateway
 * or network policy must never expose {@code /strata/internal/} (docs/deploy.md).
 */
@ApplicationScoped
public class InternalRoutes {
    static final String PREFIX = "/strata/internal/";

    @Inject
    Roles roles;

    @Inject
    StorageLifecycle storage;

    void init(@Observes Router router) {
        if (!roles.acceptsWrites()) {
            return;
        }
        router.route(PREFIX + "v1/streams").method(HttpMethod.GET).blockingHandler(ctx -> {
            ctx.put(HttpRoutes.ROUTE_KEY, "strata_internal_v1_streams");
            guard(ctx, out -> streams(ctx, out));
        }, false);
        router.route(PREFIX + "v1/entries").method(HttpMethod.GET).blockingHandler(ctx -> {
            ctx.put(HttpRoutes.ROUTE_KEY, "strata_internal_v1_entries");
            guard(ctx, out -> entries(ctx, out));
        }, false);
        router.route(PREFIX + "v1/summaries").method(HttpMethod.GET).blockingHandler(ctx -> {
            ctx.put(HttpRoutes.ROUTE_KEY, "strata_internal_v1_summaries");
            guard(ctx, out -> summaries(ctx, out));
        }, false);
    }

    private void streams(RoutingContext ctx, ResponseOutputStream out) throws IOException {
        String tenant = tenant(ctx);
        String selector = ctx.queryParams().get("selector");
        List<Matcher> matchers = selector == null || selector.isBlank() ? List.of()
                : SelectorParser.parseSelector(selector);
        List<StreamInfo> streams = reader().streams(tenant, matchers, nanos(ctx, "start"), nanos(ctx, "end"));
        EntryStreamCodec.writeStreams(streams, out);
        out.finish();
    }

    private void entries(RoutingContext ctx, ResponseOutputStream out) throws IOException {
        String tenant = tenant(ctx);
        Labels labels = labels(required(ctx, "labels"));
        Direction direction = switch (ctx.queryParams().get("direction") == null ? "forward"
                : ctx.queryParams().get("direction")) {
            case "forward", "FORWARD" -> Direction.FORWARD;
            case "backward", "BACKWARD" -> Direction.BACKWARD;
            default -> throw StrataException.badRequest("invalid direction, expected forward or backward");
        };
        ScanHints hints = new ScanHints(ctx.queryParam("required"));
        try (EntryIterator it = reader().entries(tenant, new StreamInfo(labels.fingerprint(), labels),
                nanos(ctx, "start"), nanos(ctx, "end"), direction, hints)) {
            EntryStreamCodec.write(it, out);
        }
        out.finish();
    }

    /**
     * Chunk summaries ({@link ChunkSummaryCodec}) for index stats, volumes and query stats on readers:
     * of one stream ({@code labels}), or of every stream matching {@code selector} (a batch).
     */
    private void summaries(RoutingContext ctx, ResponseOutputStream out) throws IOException {
        String tenant = tenant(ctx);
        long start = nanos(ctx, "start");
        long end = nanos(ctx, "end");
        String one = ctx.queryParams().get("labels");
        if (one != null && !one.isEmpty()) {
            Labels labels = labels(one);
            ChunkSummaryCodec.write(reader().chunkSummaries(tenant, new StreamInfo(labels.fingerprint(), labels),
                    start, end), out);
        } else {
            String selector = ctx.queryParams().get("selector");
            List<Matcher> matchers = selector == null || selector.isBlank() ? List.of()
                    : SelectorParser.parseSelector(selector);
            List<ChunkSummaryCodec.StreamSummaries> batch = new java.util.ArrayList<>();
            for (StreamInfo s : reader().streams(tenant, matchers, start, end)) {
                batch.add(new ChunkSummaryCodec.StreamSummaries(s.labels().toString(),
                        reader().chunkSummaries(tenant, s, start, end)));
            }
            ChunkSummaryCodec.writeBatch(batch, out);
        }
        out.finish();
    }

    private LogReader reader() {
        return storage.recentReader();
    }

    private static String tenant(RoutingContext ctx) {
        return TenantIds.validate(required(ctx, "tenant"));
    }

    private static Labels labels(String text) {
        Labels.Builder b = Labels.builder();
        for (Label l : SelectorParser.parseLabels(text)) {
            b.set(l.name(), l.value());
        }
        return b.build();
    }

    private static String required(RoutingContext ctx, String name) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isEmpty()) {
            throw StrataException.badRequest("missing parameter " + name);
        }
        return v;
    }

    private static long nanos(RoutingContext ctx, String name) {
        String v = required(ctx, name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw StrataException.badRequest("invalid parameter " + name + ": expected Unix nanoseconds, got '" + v + "'");
        }
    }

    private interface Body {
        void write(ResponseOutputStream out) throws IOException;
    }

    /** Errors before the first byte get a status; after it the connection is reset, so the reader sees a cut body. */
    private static void guard(RoutingContext ctx, Body body) {
        ResponseOutputStream out = new ResponseOutputStream(ctx.response());
        try {
            body.write(out);
        } catch (IOException | RuntimeException | Error e) {
            if (out.started()) {
                ctx.request().connection().close();
            } else if (e instanceof IOException ioe) {
                ErrorResponses.write(ctx, new StrataException(io.strata.model.ErrorCategory.INTERNAL, ioe.toString(), ioe));
            } else {
                ErrorResponses.write(ctx, e);
            }
        }
    }
}
