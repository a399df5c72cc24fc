package io.strata.api;

import io.strata.config.PrometheusDuration;
import io.strata.model.Direction;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.SelectorParser;
import io.strata.model.StrataException;
import io.strata.storage.LogReader;
import io.strata.storage.StreamInfo;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The first read path: labels, label values, series, and {@code query_range}/{@code query} for
 * plain stream selectors (anything else is a 400 until the LogQL engine arrives).
 */
@Singleton
public class QueryHandler {
    private static final String EMPTY_COMPATIBLE = "parse error : queries require at least one regexp or equality "
            + "matcher that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this "
            + "requirement, but app=~\".+\" will";

    private final RequestTenancy tenancy;
    private final StorageLifecycle storage;
    private final TenantLimits limits;
    private final Clock clock;

    QueryHandler(RequestTenancy tenancy, StorageLifecycle storage, TenantLimits limits, Clock clock) {
        this.tenancy = tenancy;
        this.storage = storage;
        this.limits = limits;
        this.clock = clock;
    }

    void queryRange(RoutingContext ctx) {
        String tenant = tenant(ctx);
        QueryParams p = params(ctx);
        QueryParams.Bounds b = p.orderedBounds();
        int limit = p.limit();
        Direction direction = p.direction();
        p.step(b);
        long interval = p.interval();
        List<Matcher> matchers = logSelector(p.query());
        Limits l = limits.forTenant(tenant);
        if (l.maxEntriesLimitPerQuery() > 0 && limit > l.maxEntriesLimitPerQuery()) {
            throw StrataException.badRequest("max entries limit per query exceeded, limit > "
                    + "max_entries_limit_per_query (" + limit + " > " + l.maxEntriesLimitPerQuery() + ")");
        }
        checkLength(b, l);
        long start = System.nanoTime();
        SelectorQuery.Result r = SelectorQuery.run(reader(), tenant, matchers, b.startNanos(), b.endNanos(),
                direction, limit, interval);
        long exec = System.nanoTime() - start;
        boolean categorize = categorize(ctx);
        long bytes = r.bytesProcessed();
        var stats = new ResponseJson.Stats(bytes, r.linesProcessed(), r.entries().size(), exec, r.streams().size(),
                bytes, r.linesProcessed());
        json(ctx, ResponseJson.streams(r, categorize, stats));
    }

    void instantQuery(RoutingContext ctx) {
        tenant(ctx);
        QueryParams p = params(ctx);
        p.time();
        p.limit();
        p.direction();
        logSelector(p.query());
        throw StrataException.badRequest("log queries are not supported as an instant query type, please change "
                + "your query to a range query type");
    }

    void labels(RoutingContext ctx, boolean legacy) {
        String tenant = tenant(ctx);
        QueryParams p = params(ctx);
        QueryParams.Bounds b = p.orderedBounds();
        List<Matcher> matchers = optionalSelector(p.query());
        TreeSet<String> names = new TreeSet<>();
        for (StreamInfo s : visible(tenant, matchers, b)) {
            names.addAll(s.labels().names());
        }
        json(ctx, legacy ? ResponseJson.legacyValues(names) : ResponseJson.labelValues(names));
    }

    void labelValues(RoutingContext ctx, boolean legacy) {
        String tenant = tenant(ctx);
        String name = ctx.pathParam("name");
        QueryParams p = params(ctx);
        QueryParams.Bounds b = p.orderedBounds();
        List<Matcher> matchers = optionalSelector(p.query());
        TreeSet<String> values = new TreeSet<>();
        for (StreamInfo s : visible(tenant, matchers, b)) {
            String v = s.labels().get(name);
            if (v != null) {
                values.add(v);
            }
        }
        json(ctx, legacy ? ResponseJson.legacyValues(values) : ResponseJson.labelValues(values));
    }

    void series(RoutingContext ctx) {
        String tenant = tenant(ctx);
        QueryParams p = params(ctx);
        QueryParams.Bounds b = p.orderedBounds();
        checkLength(b, limits.forTenant(tenant));
        List<String> selectors = new ArrayList<>(p.getAll("match[]"));
        selectors.addAll(p.getAll("match"));
        selectors.removeIf(String::isBlank);
        Map<Labels, Labels> found = new LinkedHashMap<>();
        if (selectors.isEmpty() || (selectors.size() == 1 && selectors.getFirst().replace(" ", "").equals("{}"))) {
            visible(tenant, List.of(), b).forEach(s -> found.put(s.labels(), s.labels()));
        } else {
            List<List<Matcher>> parsed = new ArrayList<>();
            for (String sel : selectors) {
                parsed.add(SelectorParser.parseSelector(sel));
            }
            for (List<Matcher> m : parsed) {
                visible(tenant, m, b).forEach(s -> found.put(s.labels(), s.labels()));
            }
        }
        List<Labels> series = new ArrayList<>(found.values());
        series.sort(Labels::compareTo);
        json(ctx, ResponseJson.series(series));
    }

    /** Streams in the window, without Loki-internal streams unless the selector asks for them. */
    private List<StreamInfo> visible(String tenant, List<Matcher> matchers, QueryParams.Bounds b) {
        boolean internalWanted = false;
        for (Matcher m : matchers) {
            if (m.name().equals("__aggregated_metric__") || m.name().equals("__pattern__")) {
                internalWanted = true;
            }
        }
        long through = b.endNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : b.endNanos() + 1;
        List<StreamInfo> out = new ArrayList<>();
        for (StreamInfo s : reader().streams(tenant, matchers, b.startNanos(), through)) {
            if (internalWanted || !(s.labels().has("__aggregated_metric__") || s.labels().has("__pattern__"))) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Matcher> optionalSelector(String q) {
        return q.isBlank() ? List.of() : SelectorParser.parseSelector(q);
    }

    /** A plain stream selector with at least one matcher that cannot match the empty string. */
    static List<Matcher> logSelector(String q) {
        String t = q.strip();
        if (t.isEmpty()) {
            throw StrataException.badRequest("parse error : syntax error: unexpected $end");
        }
        if (t.charAt(0) != '{') {
            throw StrataException.badRequest("unsupported query: only plain stream selectors such as {app=\"x\"} are "
                    + "supported until the LogQL engine is available: " + q);
        }
        List<Matcher> matchers = SelectorParser.parseSelector(q);
        for (Matcher m : matchers) {
            if (!m.matchesEmpty()) {
                return matchers;
            }
        }
        throw StrataException.badRequest(EMPTY_COMPATIBLE);
    }

    private static void checkLength(QueryParams.Bounds b, Limits l) {
        Duration max = l.maxQueryLength();
        if (max.isZero()) {
            return;
        }
        Duration length = Duration.ofNanos(b.endNanos()).minusNanos(b.startNanos());
        if (length.compareTo(max) > 0) {
            throw StrataException.badRequest("the query time range exceeds the limit (query length: "
                    + PrometheusDuration.formatGo(length) + ", limit: " + PrometheusDuration.formatGo(max) + ")");
        }
    }

    private static boolean categorize(RoutingContext ctx) {
        for (String h : ctx.request().headers().getAll("X-Loki-Response-Encoding-Flags")) {
            for (String flag : h.split(",")) {
                if (flag.trim().equals("categorize-labels")) {
                    return true;
                }
            }
        }
        return false;
    }

    private String tenant(RoutingContext ctx) {
        return tenancy.read(ctx).tenant();
    }

    private QueryParams params(RoutingContext ctx) {
        MultiMap m = ctx.request().params();
        Instant now = clock.instant();
        return new QueryParams(m::get, m::getAll, now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }

    private LogReader reader() {
        return storage.reader();
    }

    private static void json(RoutingContext ctx, byte[] body) {
        // Quarkus marks non-annotated routes "identity"; let Vert.x gzip JSON for clients that accept it
        ctx.response().headers().remove("Content-Encoding");
        ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
    }
}
