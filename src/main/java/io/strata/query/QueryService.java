package io.strata.query;

import io.strata.logql.engine.LogqlEngine;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.logql.syntax.SampleExpr;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.LogReader;
import io.strata.storage.StreamInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * Runs LogQL and metadata queries (labels, label values, series) over storage for one
 * {@link QueryContext}. Thread-safe and stateless apart from the reader; range metric queries may
 * run as parallel step groups ({@link RangeSplits}) and log queries read their streams in parallel
 * ahead of the merge, with identical results.
 */
public final class QueryService {
    /** Loki-internal streams hidden from labels and series unless a selector names them. */
    private static final List<String> INTERNAL_LABELS = List.of("__aggregated_metric__", "__pattern__");

    private final LogReader reader;
    private final RangeSplits splits;
    private final ExecutorService executor;
    private final int parallelism;

    /** A service that evaluates every query on the calling thread. */
    public QueryService(LogReader reader) {
        this(reader, null, 1);
    }

    /**
     * A service that runs range metric queries as up to {@code parallelism} groups of steps on
     * {@code executor} (owned by the caller, e.g. a small pool of at most the core count).
     */
    public QueryService(LogReader reader, ExecutorService executor, int parallelism) {
        this.reader = reader;
        this.executor = executor;
        this.parallelism = executor == null ? 1 : parallelism;
        this.splits = new RangeSplits(executor, this.parallelism);
    }

    /** Evaluates a query; failures are {@code StrataException}s with Loki's texts. */
    public QueryResult query(QueryContext context, QueryRequest request) {
        return query(context, LogqlParser.parse(request.query()), request);
    }

    /** Evaluates an already parsed query. */
    public QueryResult query(QueryContext context, Expr expr, QueryRequest request) {
        LogqlEngine engine = new LogqlEngine(new StorageQuerier(reader, context), context.engineOptions(), executor,
                parallelism);
        QueryResult result;
        List<QueryRequest> parts = expr instanceof SampleExpr ? splits.split(request, context.engineOptions())
                : List.of(request);
        if (parts.size() > 1) {
            context.guard().check();
            result = splits.run(engine, expr, parts, context.guard(), context.engineOptions().maxQuerySeries());
        } else {
            result = engine.execute(expr, request, context.guard());
        }
        context.statistics().finish(switch (result) {
            case QueryResult.Streams s -> s.entryCount();
            case QueryResult.Matrix m -> m.series().size();
            case QueryResult.Vector v -> v.samples().size();
            case QueryResult.Scalar s -> 1;
        });
        return result;
    }

    /**
     * Label sets of the streams that match any of the selectors (all streams when there is none)
     * with data in {@code [from, through)}, de-duplicated, in label order.
     */
    public List<Labels> series(QueryContext context, List<List<Matcher>> selectors, long from, long through) {
        Set<Labels> out = new TreeSet<>();
        List<List<Matcher>> effective = selectors.isEmpty() ? List.of(List.of()) : selectors;
        for (List<Matcher> selector : effective) {
            forEachStream(context, selector, from, through, out::add);
        }
        return new ArrayList<>(out);
    }

    /** Sorted label names of the matching streams. */
    public List<String> labelNames(QueryContext context, List<Matcher> selector, long from, long through) {
        Set<String> names = new TreeSet<>();
        forEachStream(context, selector, from, through, labels -> names.addAll(labels.names()));
        return new ArrayList<>(names);
    }

    /** Sorted values of one label over the matching streams. */
    public List<String> labelValues(QueryContext context, String name, List<Matcher> selector, long from,
            long through) {
        Set<String> values = new TreeSet<>();
        forEachStream(context, selector, from, through, labels -> {
            String v = labels.get(name);
            if (v != null) {
                values.add(v);
            }
        });
        return new ArrayList<>(values);
    }

    /**
     * Loki's {@code index/stats} for a selector over {@code [from, through)}, from the streams'
     * chunk summaries (no lines read) with Loki's index arithmetic ({@link IndexSizes}).
     */
    public IndexStatistics indexStatistics(QueryContext context, List<Matcher> selector, long from, long through) {
        long[] totals = new long[4];
        long end = through == Long.MAX_VALUE ? through : through - 1;
        forEachStream(context, selector, from, through, (tenant, info, labels) -> {
            context.guard().check();
            long[] s = IndexSizes.stats(reader.chunkSummaries(tenant, info, from, through), from, end);
            for (int i = 0; i < 4; i++) {
                totals[i] += s[i];
            }
        });
        context.statistics().finish(0);
        return new IndexStatistics(totals[0], totals[1], totals[2], totals[3]);
    }

    /** Loki's {@code index/volume} / {@code volume_range}: bytes per aggregated series, largest first. */
    public VolumeResult volume(QueryContext context, VolumeRequest request) {
        VolumeAggregation aggregation = new VolumeAggregation(request);
        forEachStream(context, request.matchers(), request.fromNanos(), request.throughNanos(),
                (tenant, info, labels) -> {
                    context.guard().check();
                    List<Labels> keys = aggregation.keys(labels);
                    if (!keys.isEmpty()) {
                        aggregation.add(keys, reader.chunkSummaries(tenant, info, request.fromNanos(),
                                request.throughNanos()));
                    }
                });
        context.statistics().finish(0);
        return aggregation.result();
    }

    private interface StreamVisitor {
        void visit(String tenant, StreamInfo info, Labels labels);
    }

    private void forEachStream(QueryContext context, List<Matcher> selector, long from, long through,
            java.util.function.Consumer<Labels> consumer) {
        forEachStream(context, selector, from, through, (tenant, info, labels) -> consumer.accept(labels));
    }

    private void forEachStream(QueryContext context, List<Matcher> selector, long from, long through,
            StreamVisitor consumer) {
        context.guard().check();
        List<Matcher> storeMatchers = new ArrayList<>();
        List<Matcher> tenantMatchers = new ArrayList<>();
        for (Matcher m : selector) {
            (context.multiTenant() && m.name().equals(StorageQuerier.TENANT_LABEL) ? tenantMatchers : storeMatchers)
                    .add(m);
        }
        boolean wantsInternal = storeMatchers.stream().anyMatch(m -> INTERNAL_LABELS.contains(m.name()));
        Set<String> seenTenants = new LinkedHashSet<>(context.tenants());
        for (String tenant : seenTenants) {
            if (!tenantMatchers.stream().allMatch(m -> m.matches(tenant))) {
                continue;
            }
            Predicate<Labels> filter = context.streamFilter(tenant);
            for (StreamInfo info : reader.streams(tenant, storeMatchers, from, through)) {
                Labels labels = info.labels();
                if (!filter.test(labels) || (!wantsInternal && isInternal(labels))) {
                    continue;
                }
                consumer.visit(tenant, info,
                        context.multiTenant() ? StorageQuerier.withTenant(labels, tenant) : labels);
            }
        }
    }

    private static boolean isInternal(Labels labels) {
        for (String name : INTERNAL_LABELS) {
            if (labels.has(name)) {
                return true;
            }
        }
        return false;
    }
}
