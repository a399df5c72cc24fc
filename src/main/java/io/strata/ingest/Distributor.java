package io.strata.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strata.config.ByteSize;
import io.strata.metrics.IngestMetrics;
import io.strata.model.ErrorCategory;
import io.strata.model.Label;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import io.strata.storage.LogWriter;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The push path after decoding, in Loki's order (see {@code INGEST.md}): label parsing and
 * {@code service_name}; per-stream label and per-entry validation with enrichment (errors
 * collected, valid data kept); the tenant ingestion rate (whole request, 429); the active-stream
 * limit (429); the per-stream rate (429, ingester message format); then one
 * {@link LogWriter#append} that returns when the data is durable (a 400 from storage, e.g. entries
 * too far behind, comes after the accepted entries were stored). Thread-safe.
 */
public final class Distributor {
    private final LogWriter writer;
    private final TenantLimits limits;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final ConcurrentHashMap<String, TokenBucket> tenantBuckets = new ConcurrentHashMap<>();
    private final Cache<StreamKey, TokenBucket> streamBuckets =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(1_000_000).build();

    private record StreamKey(String tenant, Labels labels) {}

    public Distributor(LogWriter writer, TenantLimits limits, Clock clock, IngestMetrics metrics) {
        this.writer = writer;
        this.limits = limits;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Validates and stores one decoded push. Returns normally when everything was stored (204);
     * throws a {@link StrataException} whose category gives the status otherwise — also after a
     * partial write, when some streams or entries were dropped.
     */
    public void push(String tenant, List<RawStream> request) {
        if (request.isEmpty()) {
            throw new StrataException(ErrorCategory.UNPROCESSABLE,
                    "error at least one valid stream is required for ingestion");
        }
        Limits l = limits.forTenant(tenant);
        List<StreamLabelParser.ParsedLabels> parsed = new ArrayList<>(request.size());
        for (RawStream s : request) {
            parsed.add(StreamLabelParser.parseCached(s.labels(), l.discoverServiceName()));
        }

        long nowNanos = nowNanos();
        EntryValidator validator = new EntryValidator(l, nowNanos, tenant, metrics);
        ValidationErrors errors = new ValidationErrors();
        List<SizedStream> valid = new ArrayList<>(request.size());
        long totalBytes = 0;
        long totalLines = 0;
        for (int i = 0; i < request.size(); i++) {
            RawStream raw = request.get(i);
            if (raw.entries().isEmpty()) {
                continue;
            }
            StreamLabelParser.ParsedLabels labels = parsed.get(i);
            String labelError = validator.validateLabels(labels, raw.entries());
            if (labelError != null) {
                errors.add(labelError);
                continue;
            }
            SizedStream stream = validator.validateEntries(labels, raw.entries(), errors);
            if (stream.size() == 0) {
                continue;
            }
            valid.add(stream);
            totalBytes += stream.totalLineBytes() + stream.totalMetadataBytes();
            totalLines += stream.size();
        }
        StrataException validationError = errors.isEmpty() ? null : StrataException.badRequest(errors.message());
        if (valid.isEmpty()) {
            if (validationError != null) {
                throw validationError;
            }
            return;
        }

        TokenBucket bucket = tenantBuckets.computeIfAbsent(tenant,
                t -> new TokenBucket(l.ingestionRateBytes(), l.ingestionBurstBytes(), nowNanos));
        if (!bucket.hasLimits(l.ingestionRateBytes(), l.ingestionBurstBytes())) { // tenants/ override changed
            bucket = new TokenBucket(l.ingestionRateBytes(), l.ingestionBurstBytes(), nowNanos);
            tenantBuckets.put(tenant, bucket);
        }
        if (!bucket.tryTake(nowNanos, totalBytes)) {
            metrics.discarded("rate_limited", tenant, totalLines, totalBytes);
            throw new StrataException(ErrorCategory.RATE_LIMITED, "ingestion rate limit exceeded for user " + tenant
                    + " (limit: " + l.ingestionRateBytes() + " bytes/sec) while attempting to ingest '" + totalLines
                    + "' lines totaling '" + totalBytes + "' bytes, reduce log volume or contact your Loki "
                    + "administrator to see if the limit can be increased");
        }

        StrataException limitError = null;
        List<SizedStream> accepted = enforceStreamLimit(tenant, l, valid);
        if (accepted.size() < valid.size()) {
            PushStream first = firstMissing(valid, accepted).stream();
            limitError = new StrataException(ErrorCategory.RATE_LIMITED, "maximum active stream limit exceeded when "
                    + "trying to create stream " + first.labels() + ", reduce the number of active streams (reduce "
                    + "labels or reduce label values), or contact your Loki administrator to see if the limit can be "
                    + "increased, user: '" + tenant + "'");
            if (accepted.isEmpty()) {
                throw limitError;
            }
        }
        StringBuilder streamRateErrors = new StringBuilder();
        List<SizedStream> toWrite = enforceStreamRate(tenant, l, accepted, nowNanos, streamRateErrors);

        StrataException ingesterError = null;
        if (!toWrite.isEmpty()) {
            List<PushStream> streams = new ArrayList<>(toWrite.size());
            for (SizedStream s : toWrite) {
                streams.add(s.stream());
            }
            try {
                writer.append(tenant, streams);
            } catch (StrataException e) {
                if (e.category() != ErrorCategory.BAD_REQUEST) {
                    throw e;
                }
                // storage stored the acceptable entries and names the ignored ones (e.g. too far behind)
                ingesterError = e;
            }
            long lines = 0;
            long lineBytes = 0;
            long mdBytes = 0;
            for (SizedStream s : toWrite) {
                lines += s.size();
                lineBytes += s.totalLineBytes();
                mdBytes += s.totalMetadataBytes();
            }
            metrics.received(tenant, lines, lineBytes, mdBytes);
        }
        if (!streamRateErrors.isEmpty()) {
            throw new StrataException(ErrorCategory.RATE_LIMITED, streamRateErrors.toString());
        }
        if (ingesterError != null) {
            throw ingesterError;
        }
        if (limitError != null) {
            throw limitError;
        }
        if (validationError != null) {
            throw validationError;
        }
    }

    private List<SizedStream> enforceStreamLimit(String tenant, Limits l, List<SizedStream> streams) {
        int max = l.maxActiveStreams();
        if (max <= 0) {
            return streams;
        }
        long active = writer.activeStreams(tenant);
        List<SizedStream> accepted = new ArrayList<>(streams.size());
        for (SizedStream s : streams) {
            if (writer.isActive(tenant, s.stream().labels())) {
                accepted.add(s);
            } else if (active < max) {
                active++;
                accepted.add(s);
            } else {
                metrics.discarded("stream_limit", tenant, s.size(), s.totalLineBytes() + s.totalMetadataBytes());
            }
        }
        return accepted;
    }

    private List<SizedStream> enforceStreamRate(String tenant, Limits l, List<SizedStream> streams, long nowNanos,
            StringBuilder errorsOut) {
        if (l.perStreamRateLimit() <= 0) {
            return streams;
        }
        List<SizedStream> out = new ArrayList<>(streams.size());
        for (SizedStream sized : streams) {
            PushStream s = sized.stream();
            StreamKey key = new StreamKey(tenant, s.labels());
            TokenBucket b = streamBuckets.get(key,
                    k -> new TokenBucket(l.perStreamRateLimit(), l.perStreamRateLimitBurst(), nowNanos));
            if (!b.hasLimits(l.perStreamRateLimit(), l.perStreamRateLimitBurst())) {
                b = new TokenBucket(l.perStreamRateLimit(), l.perStreamRateLimitBurst(), nowNanos);
                streamBuckets.put(key, b);
            }
            int n = sized.size();
            int[] kept = null; // indexes of kept entries, allocated at the first rejection
            int keptCount = 0;
            List<LogEntry> failed = null;
            long failedBytes = 0;
            long streamBytes = 0;
            for (int i = 0; i < n; i++) {
                long size = sized.entryBytes(i);
                streamBytes += size;
                if (b.tryTake(nowNanos, size)) {
                    if (kept != null) {
                        kept[keptCount] = i;
                    }
                    keptCount++;
                } else {
                    if (failed == null) {
                        failed = new ArrayList<>();
                        kept = new int[n];
                        for (int k = 0; k < keptCount; k++) {
                            kept[k] = k; // every entry before the first rejection was kept
                        }
                    }
                    failed.add(s.entries().get(i));
                    failedBytes += size;
                }
            }
            if (failed != null) {
                metrics.discarded("per_stream_rate_limit", tenant, failed.size(), failedBytes);
                String reason = "Per stream rate limit exceeded (limit: " + ByteSize.format(l.perStreamRateLimit())
                        + "/sec) while attempting to ingest for stream '" + s.labels() + "' totaling "
                        + ByteSize.format(streamBytes) + ", consider splitting a stream via additional labels or "
                        + "contact your Loki administrator to see if the limit can be increased";
                if (!errorsOut.isEmpty()) {
                    errorsOut.setLength(0); // Loki's ingester reports the last failing stream only
                }
                for (int i = 0; i < Math.min(10, failed.size()); i++) {
                    errorsOut.append("entry with timestamp ").append(EntryValidator.goTime(failed.get(i).timestampNanos()))
                            .append(" ignored, reason: '").append(reason).append("',\n");
                }
                errorsOut.append("user '").append(tenant).append("', total ignored: ").append(failed.size())
                        .append(" out of ").append(n).append(" for stream: ").append(s.labels());
            }
            if (keptCount > 0) {
                out.add(keptCount == n ? sized : sized.subset(kept, keptCount));
            }
        }
        return out;
    }

    private static SizedStream firstMissing(List<SizedStream> all, List<SizedStream> accepted) {
        for (SizedStream s : all) {
            if (accepted.stream().noneMatch(a -> a.stream().equals(s.stream()))) {
                return s;
            }
        }
        return all.getFirst();
    }

    private long nowNanos() {
        var now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Label pairs for tests and messages. */
    static String render(List<Label> pairs) {
        return StreamLabelParser.render(pairs);
    }
}
