package io.strata.compactor;

import io.strata.logql.syntax.LabelFilterExpr;
import io.strata.logql.syntax.LineFilterExpr;
import io.strata.logql.syntax.LogExpr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.logql.syntax.StageExpr;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import io.strata.storage.DeleteRequestRecord;
import io.strata.storage.DeleteRequestStore;
import java.time.Clock;
import io.strata.logql.syntax.GoDurations;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loki's delete API over the {@link DeleteRequestStore}: parameter checks with Loki's texts and
 * statuses ({@code pkg/compactor/deletion/request_handler.go}), request ids of 8 hex digits,
 * sharding of requests with line filters by {@code max_interval}, cancellation rules; and the
 * per-tenant list of requests that queries filter by ({@link #forQuery}, cached briefly because
 * every role reads them from the object store). Thread-safe.
 */
public final class DeleteRequests {
    private static final long QUERY_CACHE_MILLIS = 10_000;

    /** A request as queries apply it: time range in ns (inclusive) and the parsed selector with filters. */
    public record Active(String id, LogExpr expr, long startNanos, long endNanos) {}

    private record Cached(long loadedAtMillis, List<Active> requests) {}

    private final DeleteRequestStore store;
    private final Clock clock;
    private final Duration cancelPeriod;
    private final Duration maxInterval;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param cancelPeriod Loki's {@code delete_request_cancel_period} (24h)
     * @param maxInterval Loki's {@code delete_max_interval} (24h; 0 = no sharding)
     */
    public DeleteRequests(DeleteRequestStore store, Clock clock, Duration cancelPeriod, Duration maxInterval) {
        this.store = store;
        this.clock = clock;
        this.cancelPeriod = cancelPeriod;
        this.maxInterval = maxInterval;
    }

    public DeleteRequestStore store() {
        return store;
    }

    public Duration cancelPeriod() {
        return cancelPeriod;
    }

    /** {@code POST|PUT /loki/api/v1/delete}; returns the new request id. Parameters may be null. */
    public String add(String tenant, String query, String start, String end, String maxIntervalParam) {
        if (query == null || query.isEmpty()) {
            throw StrataException.badRequest("query not set");
        }
        LogExpr expr = parse(query);
        if (start == null || start.isEmpty()) {
            throw StrataException.badRequest("start time not set");
        }
        long startMs = parseTime(start, "invalid start time: require unix seconds or RFC3339 format");
        long endMs = parseTime(end, "invalid end time: require unix seconds or RFC3339 format");
        if (endMs > clock.millis()) {
            throw StrataException.badRequest("deletes in the future are not allowed");
        }
        if (startMs >= endMs) {
            throw StrataException.badRequest("start time can't be greater than or equal to end time");
        }
        Duration interval = Duration.ZERO;
        if (hasFilter(expr)) {
            interval = interval(maxIntervalParam, startMs, endMs);
        }
        String id;
        do {
            id = String.format("%08x", ThreadLocalRandom.current().nextInt());
        } while (store.get(tenant, id).isPresent());
        store.put(tenant, new DeleteRequestRecord(id, query, clock.millis(), shards(interval, startMs, endMs)));
        cache.remove(tenant);
        return id;
    }

    /** {@code GET /loki/api/v1/delete}: the tenant's requests, oldest first; both bounds or none filter by overlap. */
    public List<DeleteRequestRecord> list(String tenant, String start, String end) {
        List<DeleteRequestRecord> all = store.list(tenant);
        if (start == null || start.isEmpty() || end == null || end.isEmpty()) {
            return all;
        }
        long s = parseTime(start, "invalid start time: require unix seconds or RFC3339 format");
        long e = parseTime(end, "invalid end time: require unix seconds or RFC3339 format");
        List<DeleteRequestRecord> out = new ArrayList<>();
        for (DeleteRequestRecord r : all) {
            if (r.startMillis() <= e && r.endMillis() >= s) {
                out.add(r);
            }
        }
        return out;
    }

    /** {@code DELETE /loki/api/v1/delete?request_id=&force=}. */
    public void cancel(String tenant, String id, boolean force) {
        DeleteRequestRecord r = store.get(tenant, id == null ? "" : id).orElseThrow(() ->
                new StrataException(ErrorCategory.NOT_FOUND, "could not find delete request with given id"));
        String status = r.status();
        if (status.equals("processed")) {
            throw StrataException.badRequest("deletion of request which is in process or already processed is not allowed");
        }
        boolean late = r.createdAtMillis() + cancelPeriod.toMillis() < clock.millis();
        if ((!status.equals("received") || late) && !force) {
            throw StrataException.badRequest("Cancellation of partially completed delete request or delete request "
                    + "past the deadline of " + GoDurations.formatGo(cancelPeriod)
                    + " since its creation is not allowed. To force, use the ?force query parameter");
        }
        store.remove(tenant, r.id());
        cache.remove(tenant);
    }

    /** Every request of the tenant (received or processed, as Loki's queriers filter both). */
    public List<Active> forQuery(String tenant) {
        long now = clock.millis();
        Cached c = cache.get(tenant);
        if (c != null && now - c.loadedAtMillis() < QUERY_CACHE_MILLIS && now >= c.loadedAtMillis()) {
            return c.requests();
        }
        List<Active> out = new ArrayList<>();
        for (DeleteRequestRecord r : store.list(tenant)) {
            try {
                out.add(new Active(r.id(), LogqlParser.parseLogSelector(r.query(), false), r.startMillis() * 1_000_000,
                        r.endMillis() * 1_000_000));
            } catch (RuntimeException e) {
                // a query that no longer parses cannot select anything
            }
        }
        List<Active> copy = List.copyOf(out);
        cache.put(tenant, new Cached(now, copy));
        return copy;
    }

    /** Forgets cached requests (after the compactor changed them). */
    public void invalidate() {
        cache.clear();
    }

    static LogExpr parse(String query) {
        try {
            return LogqlParser.parseLogSelector(query, false);
        } catch (RuntimeException e) {
            throw StrataException.badRequest("invalid query expression");
        }
    }

    static boolean hasFilter(LogExpr expr) {
        for (StageExpr s : expr.stages()) {
            if (s instanceof LineFilterExpr || s instanceof LabelFilterExpr) {
                return true;
            }
        }
        return false;
    }

    private Duration interval(String param, long startMs, long endMs) {
        if (param == null || param.isEmpty()) {
            return maxInterval;
        }
        Duration d = GoDurations.parseGo(param);
        if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw StrataException.badRequest("invalid max_interval: valid time units are 's', 'm', 'h'");
        }
        if (d.compareTo(maxInterval) > 0 && !maxInterval.isZero()) {
            throw StrataException.badRequest("max_interval can't be greater than " + GoDurations.formatGo(maxInterval));
        }
        Duration span = Duration.ofMillis(endMs - startMs);
        if (d.compareTo(span) > 0) {
            throw StrataException.badRequest("max_interval can't be greater than the interval to be deleted ("
                    + GoDurations.formatGo(span) + ")");
        }
        return d;
    }

    /** Loki's {@code buildRequests}: one shard, or shards aligned to multiples of the interval. */
    static List<DeleteRequestRecord.Shard> shards(Duration interval, long startMs, long endMs) {
        long iv = interval.toNanos();
        if (iv <= 0 || iv >= (endMs - startMs) * 1_000_000) {
            return List.of(new DeleteRequestRecord.Shard(startMs, endMs, false));
        }
        long start = startMs * 1_000_000;
        long end = endMs * 1_000_000;
        List<DeleteRequestRecord.Shard> out = new ArrayList<>();
        boolean first = true;
        for (long s = start - Math.floorMod(start, iv); s < end; s += iv) {
            long e = Math.min(s + iv, end);
            out.add(new DeleteRequestRecord.Shard(Math.floorDiv(first ? start : s, 1_000_000), Math.floorDiv(e, 1_000_000),
                    false));
            first = false;
        }
        return out;
    }

    /** Loki's delete-API time: empty = now, RFC3339, or exactly 10 characters of (float) unix seconds; ms. */
    long parseTime(String in, String error) {
        if (in == null || in.isEmpty()) {
            return clock.millis();
        }
        try {
            return OffsetDateTime.parse(in).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            // not RFC3339
        }
        if (in.length() != 10) {
            throw StrataException.badRequest(error);
        }
        try {
            double t = Double.parseDouble(in);
            if (Double.isNaN(t) || Double.isInfinite(t) || in.contains("x") || in.contains("X")) {
                throw new NumberFormatException();
            }
            long whole = (long) t;
            double frac = Math.round((t - whole) * 1000) / 1000.0;
            return whole * 1000 + Math.round(frac * 1000);
        } catch (NumberFormatException e) {
            throw StrataException.badRequest(error);
        }
    }
}
