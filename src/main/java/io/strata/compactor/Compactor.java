package io.strata.compactor;

import io.strata.logql.syntax.LogExpr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.storage.ChunkDeletionMarkers;
import io.strata.storage.ChunkRewriter;
import io.strata.storage.DeleteRequestRecord;
import io.strata.storage.DeleteRequestStore;
import io.strata.storage.IndexCompactor;
import io.strata.storage.LineDeletion;
import io.strata.storage.ObjectStore;
import io.strata.storage.Retention;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One compactor run over every tenant of the object store: retention and delete requests (when
 * retention is enabled, as in Loki), index compaction, then the sweep of chunk deletions that are
 * due; {@code afterRun} lets the owning process reload its in-memory index. Runs are not
 * concurrent (the caller schedules one at a time); one process per store should run them, as
 * Loki runs one compactor.
 */
public final class Compactor {
    private static final System.Logger LOG = System.getLogger(Compactor.class.getName());

    /** Totals of one run. */
    public record RunResult(int tenants, int segmentsMerged, long chunksExpired, long entriesDeleted,
            int requestsProcessed, long chunksSwept) {}

    private final ObjectStore store;
    private final CompactorOptions options;
    private final Function<String, TenantSettings> settings;
    private final DeleteRequests deletes;
    private final Clock clock;
    private final Runnable afterRun;
    private final IndexCompactor compactor;
    private final ChunkRewriter rewriter;

    public Compactor(ObjectStore store, CompactorOptions options, Function<String, TenantSettings> settings,
            DeleteRequests deletes, Clock clock, Runnable afterRun) {
        this.store = store;
        this.options = options;
        this.settings = settings;
        this.deletes = deletes;
        this.clock = clock;
        this.afterRun = afterRun == null ? () -> {} : afterRun;
        this.compactor = new IndexCompactor(options.indexPeriod(), IndexCompactor.SETTLE, IndexCompactor.LIVE_THRESHOLD);
        this.rewriter = new ChunkRewriter(options.blockBytes());
    }

    public RunResult runOnce() {
        int tenants = 0;
        int merged = 0;
        long expired = 0;
        long deleted = 0;
        int requests = 0;
        long swept = 0;
        RuntimeException failure = null;
        for (String tenant : DeleteRequestStore.tenants(store)) {
            tenants++;
            long nowMs = clock.millis();
            long due = nowMs + options.retentionDeleteDelay().toMillis();
            try {
                if (options.retentionEnabled()) {
                    TenantSettings ts = settings.apply(tenant);
                    RetentionRules rules = new RetentionRules(ts);
                    expired += Retention.apply(store, tenant, rules, nowMs * 1_000_000, due).chunksDropped();
                    if (ts.deletesData()) {
                        long[] d = processDeletes(tenant, nowMs, due);
                        deleted += d[0];
                        requests += (int) d[1];
                    }
                }
                merged += compactor.compact(store, tenant, nowMs * 1_000_000).inputs();
                swept += ChunkDeletionMarkers.sweep(store, tenant, nowMs);
            } catch (RuntimeException e) {
                // one tenant's trouble (e.g. the store failing) does not stop the others; reported after the run
                LOG.log(System.Logger.Level.WARNING, "compactor run for tenant {0} failed: {1}", tenant, e.toString());
                failure = failure == null ? e : failure;
            }
        }
        afterRun.run();
        if (failure != null) {
            throw failure;
        }
        return new RunResult(tenants, merged, expired, deleted, requests, swept);
    }

    /** Processes the shards of requests older than the cancel period; returns {entries deleted, requests done}. */
    private long[] processDeletes(String tenant, long nowMs, long due) {
        DeleteRequestStore requests = deletes.store();
        long entries = 0;
        long done = 0;
        for (DeleteRequestRecord r : requests.list(tenant)) {
            if (r.processedShards() == r.shards().size()
                    || r.createdAtMillis() + deletes.cancelPeriod().toMillis() > nowMs) {
                continue;
            }
            LogExpr expr;
            try {
                expr = LogqlParser.parseLogSelector(r.query(), false);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "delete request {0} of {1} does not parse: {2}", r.id(), tenant,
                        e.getMessage());
                continue;
            }
            DeleteRequestRecord current = r;
            for (int i = 0; i < r.shards().size(); i++) {
                DeleteRequestRecord.Shard s = r.shards().get(i);
                if (s.processed()) {
                    continue;
                }
                entries += LineDeletion.apply(store, tenant, expr.matchers(), s.startMillis() * 1_000_000,
                        s.endMillis() * 1_000_000, labels -> DeleteFilter.lineFilter(expr, labels), rewriter, due,
                        options.indexPeriod().toNanos())
                        .entriesDeleted();
                Optional<DeleteRequestRecord> still = requests.get(tenant, r.id());
                if (still.isEmpty()) {
                    break; // cancelled (forced) meanwhile
                }
                current = current.withProcessed(i);
                requests.put(tenant, current);
            }
            done++;
        }
        if (done > 0) {
            deletes.invalidate();
        }
        return new long[] {entries, done};
    }

    public CompactorOptions options() {
        return options;
    }

    /** Tenants of the store, for callers that report per tenant. */
    public List<String> tenants() {
        return DeleteRequestStore.tenants(store);
    }
}
