package io.strata.query;

import io.strata.logql.engine.EntryPipeline;
import io.strata.logql.engine.Plan;
import io.strata.logql.engine.Planner;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.logql.syntax.LogExpr;
import io.strata.logql.syntax.LogqlPrinter;
import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One live tail (Loki's querier {@code Tailer}): history and live entries of a log query go
 * through the query's pipeline into one buffer ordered by timestamp; {@link #poll} releases, at
 * most {@value #MAX_PER_RESPONSE} at a time, the entries whose timestamp is more than
 * {@code delay} in the past. Identical entries (labels, time, line) are released once. When the
 * buffer holds {@value #MAX_PENDING} entries new ones are dropped and reported. Offered (live)
 * entries can first pass a reader wrapper, the delete filter of queries, so that lines covered by
 * delete requests are not tailed. Thread-safe (pushing threads offer, one poller polls).
 */
public final class TailSession implements LiveTail.Subscriber {
    public static final int MAX_PER_RESPONSE = 100;
    public static final int MAX_PENDING = 100_000;
    public static final int MAX_DROPPED = 1000;

    /** One released entry: its final labels (for non-categorized output) and the categorized entry. */
    public record Item(Labels labels, QueryResult.Entry entry) {}

    /** A dropped entry as Loki reports it. */
    public record Dropped(long timestampNanos, Labels labels) {}

    /** What one poll releases. */
    public record Batch(List<Item> items, List<Dropped> dropped) {}

    private record Pending(long seq, Item item) {}

    private final String query;
    private final List<Matcher> matchers;
    private final Predicate<Labels> streamFilter;
    private final EntryPipeline pipeline;
    private final long delayNanos;
    private final String tenant;
    private final UnaryOperator<LogReader> liveFilter;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.item.entry().timestampNanos(), b.item.entry().timestampNanos());
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private final List<Dropped> dropped = new ArrayList<>();
    private final Set<String> releasedAtTs = new HashSet<>();
    private long releasedTs = Long.MIN_VALUE;
    private long seq;

    /** {@code expr} must be a log query; {@code streamFilter} is the caller's access filter for the tenant. */
    public TailSession(LogExpr expr, Predicate<Labels> streamFilter, long delayNanos) {
        this(expr, streamFilter, delayNanos, null, null);
    }

    /**
     * As above; offered entries of {@code tenant} are first read through {@code liveFilter} (a
     * wrapper of the read seam such as the delete filter; null = none).
     */
    public TailSession(LogExpr expr, Predicate<Labels> streamFilter, long delayNanos, String tenant,
            UnaryOperator<LogReader> liveFilter) {
        this.tenant = tenant;
        this.liveFilter = liveFilter;
        this.query = LogqlPrinter.print(expr);
        this.matchers = expr.matchers();
        this.streamFilter = streamFilter;
        this.pipeline = ((Plan.LogSelection) new Planner().plan(expr)).pipeline();
        this.delayNanos = delayNanos;
    }

    /**
     * Loads the last {@code limit} entries of {@code [startNanos, endNanos)} (Loki's history replay);
     * they are released oldest first before newer live entries.
     */
    public void loadHistory(QueryService service, QueryContext context, long startNanos, long endNanos, int limit) {
        QueryResult r = service.query(context,
                new QueryRequest(query, startNanos, endNanos, 0, 0, limit, Direction.BACKWARD, false));
        if (!(r instanceof QueryResult.Streams streams)) {
            return;
        }
        synchronized (this) {
            for (QueryResult.LogStream s : streams.streams()) {
                for (QueryResult.Entry e : s.entries()) {
                    add(new Item(s.labels(), e));
                }
            }
        }
    }

    /** The query's stream selector. */
    public List<Matcher> matchers() {
        return matchers;
    }

    @Override
    public void offer(PushStream stream) {
        Labels labels = stream.labels();
        if (!labels.matches(matchers) || !streamFilter.test(labels)) {
            return;
        }
        List<LogEntry> entries = liveFilter == null ? stream.entries() : kept(stream);
        synchronized (this) {
            EntryPipeline.ForStream p = pipeline.forStream(labels);
            for (LogEntry e : entries) {
                byte[] line = e.line().getBytes(StandardCharsets.UTF_8);
                if (p.process(e.timestampNanos(), line, 0, line.length, e.metadata())) {
                    add(new Item(p.labels(), new QueryResult.Entry(e.timestampNanos(), p.line(), labels,
                            p.structuredMetadata(), p.parsed())));
                }
            }
        }
    }

    /** The stream's entries that {@link #liveFilter} keeps, in push order. */
    private List<LogEntry> kept(PushStream stream) {
        if (stream.entries().isEmpty()) {
            return List.of();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (LogEntry e : stream.entries()) {
            min = Math.min(min, e.timestampNanos());
            max = Math.max(max, e.timestampNanos());
        }
        TailPushedReader pushed = new TailPushedReader(stream);
        List<LogEntry> out = new ArrayList<>(stream.entries().size());
        try (EntryIterator it = liveFilter.apply(pushed).entries(tenant, pushed.info(), min,
                max == Long.MAX_VALUE ? max : max + 1, Direction.FORWARD, ScanHints.NONE)) {
            while (it.next()) {
                out.add(new LogEntry(it.timestamp(), it.line(), it.metadata()));
            }
        }
        return out;
    }

    private void add(Item item) {
        if (pending.size() >= MAX_PENDING) {
            drop(item);
            return;
        }
        pending.add(new Pending(seq++, item));
    }

    /** Records an entry the client could not take (slow reader); kept up to {@value #MAX_DROPPED}. */
    public synchronized void drop(Item item) {
        if (dropped.size() < MAX_DROPPED) {
            dropped.add(new Dropped(item.entry().timestampNanos(), item.labels()));
        }
    }

    /** Entries due at {@code nowNanos} (timestamp + delay before now), oldest first, with the pending drops. */
    public synchronized Batch poll(long nowNanos) {
        List<Item> out = new ArrayList<>();
        while (out.size() < MAX_PER_RESPONSE && !pending.isEmpty()) {
            Pending head = pending.peek();
            long ts = head.item.entry().timestampNanos();
            if (!(nowNanos > ts + delayNanos)) {
                break;
            }
            pending.poll();
            if (ts != releasedTs) {
                releasedTs = ts;
                releasedAtTs.clear();
            }
            if (releasedAtTs.add(head.item.labels().toString() + '\u0000' + head.item.entry().line())) {
                out.add(head.item);
            }
        }
        List<Dropped> d = List.of();
        if (!out.isEmpty() && !dropped.isEmpty()) {
            d = List.copyOf(dropped);
            dropped.clear();
        }
        return new Batch(out, d);
    }
}
