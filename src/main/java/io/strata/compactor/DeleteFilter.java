package io.strata.compactor;

import io.strata.logql.engine.EntryPipeline;
import io.strata.logql.engine.Plan;
import io.strata.logql.engine.Planner;
import io.strata.logql.syntax.LogExpr;
import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.FilteredEntryIterator;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.ChunkRewriter;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Query-time filtering of deleted lines (Loki's {@code deletion_mode: filter-and-delete} and
 * {@code filter-only} queriers): a {@link LogReader} that drops, from every stream it reads, the
 * entries a delete request of the tenant covers — stream selector matches, timestamp within the
 * request's inclusive range, and the request's line filters keep the line. Streams no request
 * touches are read unchanged (no per-entry cost). Thread-safe; per-scan state is per iterator.
 */
public final class DeleteFilter implements LogReader {
    private final LogReader reader;
    private final Function<String, List<DeleteRequests.Active>> requests;

    /** @param requests the tenant's delete requests (e.g. {@link DeleteRequests#forQuery}) */
    public DeleteFilter(LogReader reader, Function<String, List<DeleteRequests.Active>> requests) {
        this.reader = reader;
        this.requests = requests;
    }

    @Override
    public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos) {
        return reader.streams(tenant, matchers, fromNanos, throughNanos);
    }

    @Override
    public EntryIterator entries(String tenant, StreamInfo stream, long fromNanos, long throughNanos,
            Direction direction, ScanHints hints) {
        EntryIterator it = reader.entries(tenant, stream, fromNanos, throughNanos, direction, hints);
        List<DeleteRequests.Active> all = requests.apply(tenant);
        if (all.isEmpty()) {
            return it;
        }
        List<Rule> rules = new ArrayList<>();
        for (DeleteRequests.Active d : all) {
            if (d.startNanos() < throughNanos && d.endNanos() >= fromNanos && stream.labels().matches(d.expr().matchers())) {
                rules.add(new Rule(d.startNanos(), d.endNanos(), lineFilter(d.expr(), stream.labels()),
                        readsMetadata(d.expr())));
            }
        }
        return rules.isEmpty() ? it : new Filtered(it, rules.toArray(new Rule[0]));
    }

    /** The wrapped reader's summaries: as in Loki, the index counts deleted lines until compaction rewrites chunks. */
    @Override
    public List<io.strata.storage.ChunkSummary> chunkSummaries(String tenant, StreamInfo stream, long fromNanos,
            long throughNanos) {
        return reader.chunkSummaries(tenant, stream, fromNanos, throughNanos);
    }

    /**
     * The request's pipeline bound to one stream, as an entry filter that says "deleted" when the
     * pipeline keeps the line; null when the request has no stages (the time range alone decides).
     */
    static ChunkRewriter.EntryFilter lineFilter(LogExpr expr, Labels streamLabels) {
        if (expr.stages().isEmpty()) {
            return null;
        }
        Plan plan = new Planner().plan(expr);
        EntryPipeline.ForStream p = ((Plan.LogSelection) plan).pipeline().forStream(streamLabels);
        return (ts, buf, off, len, md) -> p.process(ts, buf, off, len, md);
    }

    /** Whether the request's stages can look at structured metadata (anything but line filters). */
    static boolean readsMetadata(LogExpr expr) {
        for (io.strata.logql.syntax.StageExpr s : expr.stages()) {
            if (!(s instanceof io.strata.logql.syntax.LineFilterExpr)) {
                return true;
            }
        }
        return false;
    }

    private record Rule(long start, long end, ChunkRewriter.EntryFilter lines, boolean metadata) {}

    /** Skips covered entries of one stream. */
    private static final class Filtered extends FilteredEntryIterator {
        private final Rule[] rules;

        Filtered(EntryIterator in, Rule[] rules) {
            super(in);
            this.rules = rules;
        }

        @Override
        protected boolean keep() {
            long t = in.timestamp();
            for (Rule r : rules) {
                if (t >= r.start() && t <= r.end() && (r.lines() == null || r.lines().deletes(t, in.lineBuffer(),
                        in.lineOffset(), in.lineLength(), r.metadata() ? in.metadata() : Labels.EMPTY))) {
                    return false;
                }
            }
            return true;
        }
    }
}
