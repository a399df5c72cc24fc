package io.strata.api;

import io.strata.model.StrataException;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * The one error mapper (Loki's {@code pkg/util/server/error.go}): a {@link StrataException}'s
 * category gives the status, its message is the body; anything else is a 500 with its text,
 * logged once. Bodies are {@code text/plain; charset=utf-8} ending in a newline, like Go's
 * {@code http.Error}.
 */
final class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    static void write(RoutingContext ctx, Throwable t) {
        int status;
        String message;
        if (t instanceof StrataException e) {
            status = e.category().httpStatus();
            message = e.getMessage();
        } else {
            status = 500;
            message = t.getMessage() == null ? t.toString() : t.getMessage();
            LOG.errorf(t, "internal error on %s %s", ctx.request().method(), ctx.request().path());
        }
        text(ctx, status, message);
    }

    /**
     * Asks the client to drop the connection after this answer (a large body it has not sent yet is
     * then never read). HTTP/1 only: HTTP/2 forbids the header and clients reject it.
     */
    static void closeConnectionAfter(RoutingContext ctx) {
        if (ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            ctx.response().putHeader("Connection", "close");
        }
    }

    static void text(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(message + "\n");
    }
}
