package io.strata.api;

import io.strata.config.PrometheusDuration;
import io.strata.logql.syntax.LogExpr;
import io.strata.model.StrataException;
import io.strata.query.LiveTail;
import io.strata.query.QueryContext;
import io.strata.query.QueryService;
import io.strata.query.TailPoller;
import io.strata.query.TailSession;
import io.strata.storage.LogReader;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Live tail over WebSocket ({@code /loki/api/v1/tail}, legacy {@code /api/prom/tail}; API.md §4).
 * Tenant and parameters are checked before the upgrade (HTTP errors); after it every failure is a
 * close frame 1011 with Loki's text: the per-tenant {@code max_concurrent_tail_requests} (10), a
 * metric query ({@code only log selector is supported}), the query length limit, and
 * {@code reached tail max duration limit} after 1 h. Entries come from the history replay and,
 * in processes that take pushes ({@code all}, {@code write}), from {@link LiveTail} (pushed
 * streams); in {@code read}/{@code backend} a {@link TailPoller} reads the merged reader (store +
 * writers) every second instead. Both go through a {@link TailSession}, and both drop lines
 * covered by delete requests when retention is on (as queries do). A ping goes out every second.
 */
@ApplicationScoped
public class TailRoutes {
    private static final Logger LOG = Logger.getLogger(TailRoutes.class);
    static final int MAX_CONCURRENT_TAIL_REQUESTS = 10;
    static final Duration TAIL_MAX_DURATION = Duration.ofHours(1);
    static final long POLL_MILLIS = 100;
    static final long PING_MILLIS = 1000;
    static final long READ_POLL_MILLIS = 1000;

    @Inject
    RequestTenancy tenancy;

    @Inject
    StorageLifecycle storage;

    @Inject
    TenantLimits limits;

    @Inject
    Clock clock;

    @Inject
    LiveTail liveTail;

    @Inject
    QueryService queryService;

    @Inject
    Roles roles;

    @Inject
    CompactorLifecycle compactor;

    @Inject
    Vertx vertx;

    void init(@Observes Router router) {
        for (String path : new String[] {"/loki/api/v1/tail", "/api/prom/tail"}) {
            boolean legacy = path.startsWith("/api/prom");
            router.route(path).order(-10).handler(DetectedRoutes.tag(legacy ? "api_prom_tail" : "loki_api_v1_tail"));
            router.route(path).method(HttpMethod.GET).method(HttpMethod.POST)
                    .blockingHandler(DetectedRoutes.guard(ctx -> open(ctx, legacy)), false);
        }
    }

    private void open(RoutingContext ctx, boolean legacy) {
        Caller caller = tenancy.single(ctx);
        TailParams params;
        try {
            params = TailParams.parse(QueryContexts.params(ctx, clock));
        } catch (StrataException e) {
            ErrorResponses.text(ctx, 400, e.getMessage());
            return;
        }
        String upgrade = ctx.request().getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            // gorilla/websocket's answer to a plain request on an upgrade-only route
            ctx.response().putHeader("Sec-Websocket-Version", "13");
            ErrorResponses.text(ctx, 400, "Bad Request");
            return;
        }
        List<String> flags = encodingFlags(ctx);
        ctx.request().toWebSocket().onSuccess(ws -> vertx.executeBlocking(() -> {
            start(ws, caller, params, flags, legacy);
            return null;
        }, false)).onFailure(t -> LOG.debugf("websocket upgrade failed: %s", t.toString()));
    }

    private void start(ServerWebSocket ws, Caller caller, TailParams params, List<String> flags, boolean legacy) {
        AutoCloseable subscription = null;
        try {
            TailSession session;
            String tenant = caller.tenant();
            if (!(params.expr() instanceof LogExpr log)) {
                // Loki checks the tail limit first, then the query
                checkLimit(tenant);
                throw StrataException.badRequest("only log selector is supported");
            }
            UnaryOperator<LogReader> deletes = TailWiring.deleteFilter(compactor);
            boolean pushed = roles.acceptsWrites();
            // the push path sees raw pushed lines: filter them; the poller reads the filtered reader
            session = new TailSession(log, caller.streamFilters().getOrDefault(tenant, l -> true),
                    params.delayForSeconds() * 1_000_000_000L, tenant, pushed ? deletes : null);
            // registered in every role: it holds the per-tenant concurrency count
            subscription = liveTail.subscribe(tenant, session, MAX_CONCURRENT_TAIL_REQUESTS);
            long now = nowNanos();
            checkLength(limits.forTenant(tenant), params.startNanos(), now);
            QueryContext context = QueryContexts.of(caller, limits);
            session.loadHistory(queryService, context, params.startNanos(), now, params.limit());
            TailPoller poller = null;
            if (!pushed) {
                LogReader reader = deletes == null ? storage.reader() : deletes.apply(storage.reader());
                poller = new TailPoller(reader, tenant, session, now);
            }
            run(ws, session, poller, subscription, flags, legacy);
        } catch (RuntimeException e) {
            close(subscription);
            closeWithError(ws, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void checkLimit(String tenant) {
        int count = liveTail.count(tenant);
        if (count >= MAX_CONCURRENT_TAIL_REQUESTS) {
            throw StrataException.badRequest("max concurrent tail requests limit exceeded, count > limit ("
                    + (count + 1) + " > " + MAX_CONCURRENT_TAIL_REQUESTS + ")");
        }
    }

    private static void checkLength(Limits l, long startNanos, long endNanos) {
        Duration max = l.maxQueryLength();
        Duration length = Duration.ofNanos(endNanos - startNanos);
        if (!max.isZero() && length.compareTo(max) > 0) {
            throw StrataException.badRequest("the query time range exceeds the limit (query length: "
                    + PrometheusDuration.formatGo(length) + ", limit: " + PrometheusDuration.formatPrometheus(max) + ")");
        }
    }

    private void run(ServerWebSocket ws, TailSession session, TailPoller poller, AutoCloseable subscription,
            List<String> flags, boolean legacy) {
        long[] timers = {-1, -1, -1, -1};
        boolean[] done = new boolean[1];
        Runnable stop = () -> {
            synchronized (done) {
                if (done[0]) {
                    return;
                }
                done[0] = true;
            }
            for (long t : timers) {
                if (t >= 0) {
                    vertx.cancelTimer(t);
                }
            }
            close(subscription);
        };
        ws.closeHandler(v -> stop.run());
        ws.exceptionHandler(t -> {
            stop.run();
            ws.close();
        });
        ws.handler(b -> { });
        timers[0] = vertx.setPeriodic(PING_MILLIS, id -> ws.writePing(Buffer.buffer()).onFailure(t -> {
            stop.run();
            closeWithError(ws, t.getMessage() == null ? t.toString() : t.getMessage());
        }));
        timers[1] = vertx.setTimer(TAIL_MAX_DURATION.toMillis(), id -> {
            stop.run();
            closeWithError(ws, "reached tail max duration limit");
        });
        timers[2] = vertx.setPeriodic(POLL_MILLIS, id -> send(ws, session, flags, legacy));
        if (poller != null) {
            AtomicBoolean reading = new AtomicBoolean();
            timers[3] = vertx.setPeriodic(READ_POLL_MILLIS, id -> readPoll(ws, poller, reading));
        }
        if (ws.isClosed()) {
            stop.run();
            return;
        }
        send(ws, session, flags, legacy);
    }

    /** One read of the poller on a worker thread; skipped while the previous one still runs. */
    private void readPoll(ServerWebSocket ws, TailPoller poller, AtomicBoolean reading) {
        if (ws.isClosed() || !reading.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(() -> {
            try {
                poller.poll(nowNanos());
            } catch (RuntimeException e) {
                // a writer or the store briefly unavailable: the next poll reads the window again
                LOG.debugf("tail poll failed: %s", e.toString());
            } finally {
                reading.set(false);
            }
            return null;
        }, false);
    }

    private void send(ServerWebSocket ws, TailSession session, List<String> flags, boolean legacy) {
        if (ws.isClosed()) {
            return;
        }
        TailSession.Batch batch = session.poll(nowNanos());
        if (batch.items().isEmpty()) {
            return;
        }
        if (ws.writeQueueFull()) {
            batch.items().forEach(session::drop);
            return;
        }
        ws.writeTextMessage(legacy ? TailJson.legacy(batch) : TailJson.v1(batch, flags));
    }

    private static void closeWithError(ServerWebSocket ws, String message) {
        if (!ws.isClosed()) {
            ws.close((short) 1011, truncate(message)).onFailure(t -> { });
        }
    }

    /** A close reason must fit a control frame (123 bytes after the code). */
    static String truncate(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        if (b.length <= 123) {
            return message;
        }
        int n = 123;
        while (n > 0 && (b[n] & 0xC0) == 0x80) {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    private static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debugf("closing tail subscription: %s", e.toString());
        }
    }

    private static List<String> encodingFlags(RoutingContext ctx) {
        List<String> flags = new ArrayList<>();
        for (String h : ctx.request().headers().getAll("X-Loki-Response-Encoding-Flags")) {
            for (String f : h.split(",")) {
                String t = f.trim();
                if (!t.isEmpty() && !flags.contains(t)) {
                    flags.add(t);
                }
            }
        }
        return flags;
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
