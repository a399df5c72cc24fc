package io.strata.api;

import io.strata.ingest.Distributor;
import io.strata.ingest.PushBodyReader;
import io.strata.ingest.RawStream;
import io.strata.metrics.IngestMetrics;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code POST /loki/api/v1/push} and {@code /api/prom/push}: tenant, decode, validate, store, 204. */
@Singleton
public class PushHandler {
    private final RequestTenancy tenancy;
    private final PushBodyReader bodies;
    private final Distributor distributor;
    private final IngestMetrics metrics;

    PushHandler(RequestTenancy tenancy, PushBodyReader bodies, Distributor distributor, IngestMetrics metrics) {
        this.tenancy = tenancy;
        this.bodies = bodies;
        this.distributor = distributor;
        this.metrics = metrics;
    }

    /** Rejects a declared body size over the limit before reading it (413, Loki's text). */
    void checkContentLength(RoutingContext ctx) {
        String cl = ctx.request().getHeader("Content-Length");
        long max = bodies.maxRecvMsgSize();
        if (cl != null && max > 0) {
            try {
                long n = Long.parseLong(cl.trim());
                if (n > max) {
                    String tenant = ctx.request().getHeader("X-Scope-OrgID");
                    if (tenant != null) {
                        metrics.discarded("request_body_too_large", tenant, 0, n);
                    }
                    ErrorResponses.closeConnectionAfter(ctx);
                    ErrorResponses.text(ctx, 413,
                            "request body too large: message size too large than max (" + n + " vs " + max + ")");
                    return;
                }
            } catch (NumberFormatException e) {
                // let the HTTP layer deal with it
            }
        }
        ctx.next();
    }

    void push(RoutingContext ctx, boolean legacy) {
        String tenant = tenancy.single(ctx).tenant();
        Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
        // read the body where Vert.x collected it: no copy of a (possibly multi-MiB) array per push
        ByteBuf buf = buffer == null ? null : buffer.getByteBuf();
        byte[] body;
        int off;
        int len;
        if (buf != null && buf.hasArray()) {
            body = buf.array();
            off = buf.arrayOffset() + buf.readerIndex();
            len = buf.readableBytes();
        } else {
            body = buffer == null ? new byte[0] : buffer.getBytes();
            off = 0;
            len = body.length;
        }
        List<RawStream> streams;
        try {
            streams = bodies.read(ctx.request().getHeader("Content-Type"),
                    ctx.request().getHeader("Content-Encoding"), body, off, len, legacy);
        } catch (StrataException e) {
            if (e.category() == ErrorCategory.TOO_LARGE) {
                metrics.discarded("request_body_too_large", tenant, 0, len);
            }
            throw e;
        }
        distributor.push(tenant, streams);
        ctx.response().setStatusCode(204).end();
    }
}
