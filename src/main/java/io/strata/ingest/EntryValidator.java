package io.strata.ingest;

import io.strata.metrics.IngestMetrics;
import io.strata.model.Label;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.tenant.Limits;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loki's per-stream and per-entry validation ({@code pkg/distributor/validator.go}) with its exact
 * messages and discard reasons, plus the entry enrichment of Loki 3.x: line truncation,
 * structured-metadata name sanitising and {@code detected_level}. One instance per push.
 */
final class EntryValidator {
    static final String DETECTED_LEVEL = "detected_level";
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);

    private final Limits limits;
    private final String tenant;
    private final IngestMetrics metrics;
    private final long oldestNanos;
    private final long newestNanos;
    private final LevelDetector levels;
    private char[] scratch = new char[512]; // lineLength's copy of a line, grown as needed
    private boolean scratchHoldsLine; // whether scratch holds the line last measured by lineLength

    EntryValidator(Limits limits, long nowNanos, String tenant, IngestMetrics metrics) {
        this.limits = limits;
        this.tenant = tenant;
        this.metrics = metrics;
        this.oldestNanos = nowNanos - limits.rejectOldSamplesMaxAge().toNanos();
        this.newestNanos = nowNanos + limits.creationGracePeriod().toNanos();
        this.levels = limits.allowStructuredMetadata() && limits.discoverLogLevels()
                ? new LevelDetector(limits.logLevelFields(), limits.logLevelFromJsonMaxDepth())
                : null;
    }

    /** The error message of an invalid label set (after recording the discard), or null. */
    String validateLabels(StreamLabelParser.ParsedLabels labels, List<LogEntry> entries) {
        List<Label> pairs = labels.pairs();
        String text = labels.text();
        if (pairs.isEmpty()) {
            discard("missing_labels", entries);
            return "error at least one label pair is required per stream";
        }
        if (labels.internal()) {
            return null;
        }
        int names = pairs.size();
        for (Label l : pairs) {
            if (l.name().equals(StreamLabelParser.SERVICE_NAME)) {
                names--;
                break;
            }
        }
        if (names > limits.maxLabelNamesPerSeries()) {
            discard("max_label_names_per_series", entries);
            return "entry for stream '" + text + "' has " + names + " label names; limit "
                    + limits.maxLabelNamesPerSeries();
        }
        String last = "";
        for (Label l : pairs) {
            if (utf8Length(l.name()) > limits.maxLabelNameLength()) {
                discard("label_name_too_long", entries);
                return "stream '" + text + "' has label name too long: '" + l.name() + "'";
            }
            if (utf8Length(l.value()) > limits.maxLabelValueLength()) {
                discard("label_value_too_long", entries);
                return "stream '" + text + "' has label value too long: '" + l.value() + "'";
            }
            if (l.name().equals(last)) {
                discard("duplicate_label_names", entries);
                return "stream '" + text + "' has duplicate label name: '" + l.name() + "'";
            }
            last = l.name();
        }
        return null;
    }

    /** The valid (and enriched) entries of a stream whose labels passed; errors go to {@code errors}. */
    SizedStream validateEntries(StreamLabelParser.ParsedLabels parsed, List<LogEntry> entries, ValidationErrors errors) {
        Labels labels = parsed.labels();
        String text = parsed.text();
        List<LogEntry> out = new ArrayList<>(entries.size());
        int[] outLineBytes = new int[entries.size()];
        int[] outMetadataBytes = new int[entries.size()];
        String streamLevel = levels == null ? null : levels.streamLevel(labels);
        long maxLine = limits.maxLineSize();
        for (LogEntry entry : entries) {
            LogEntry e = entry;
            int lineBytes = lineLength(e.line());
            if (limits.maxLineSizeTruncate() && maxLine > 0 && lineBytes > maxLine) {
                e = new LogEntry(e.timestampNanos(), truncate(e.line(), (int) maxLine), e.metadata());
                lineBytes = lineLength(e.line());
            }
            long ts = e.timestampNanos();
            int mdCount = e.metadata().size();
            int mdBytes = metadataSize(e.metadata());
            long size = (long) lineBytes + mdBytes;
            if (limits.rejectOldSamples() && ts < oldestNanos) {
                record("greater_than_max_sample_age", size);
                errors.add("entry for stream '" + text + "' has timestamp too old: " + rfc3339(ts)
                        + ", oldest acceptable timestamp is: " + rfc3339(oldestNanos));
                continue;
            }
            if (ts > newestNanos) {
                record("too_far_in_future", size);
                errors.add("entry for stream '" + text + "' has timestamp too new: " + rfc3339(ts));
                continue;
            }
            if (maxLine != 0 && lineBytes > maxLine) {
                record("line_too_long", size);
                errors.add("max entry size '" + maxLine + "' bytes exceeded for stream '" + text
                        + "' while adding an entry with length '" + lineBytes + "' bytes");
                continue;
            }
            if (mdCount > 0) {
                if (!limits.allowStructuredMetadata()) {
                    record("disallowed_structured_metadata", size);
                    errors.add("stream '" + text + "' includes structured metadata, but this feature is disallowed. "
                            + "Please see `limits_config.allow_structured_metadata` or contact your Loki "
                            + "administrator to enable it");
                    continue;
                }
                long maxMd = limits.maxStructuredMetadataSize();
                if (maxMd != 0 && mdBytes > maxMd) {
                    record("structured_metadata_too_large", size);
                    errors.add("stream '" + text + "' has structured metadata too large: '" + mdBytes
                            + "' bytes, limit: '" + maxMd + "' bytes. Please see "
                            + "`limits_config.max_structured_metadata_size` or contact your Loki administrator to "
                            + "increase it");
                    continue;
                }
                int maxCount = limits.maxStructuredMetadataEntriesCount();
                if (maxCount != 0 && mdCount > maxCount) {
                    record("structured_metadata_too_many", size);
                    errors.add("stream '" + text + "' has too many structured metadata labels: '" + mdCount
                            + "', limit: '" + maxCount + "'. Please see "
                            + "`limits_config.max_structured_metadata_entries_count` or contact your Loki "
                            + "administrator to increase it");
                    continue;
                }
            }
            LogEntry enriched = enrich(streamLevel, e);
            outLineBytes[out.size()] = lineBytes;
            outMetadataBytes[out.size()] = enriched.metadata() == e.metadata() ? mdBytes : metadataSize(enriched.metadata());
            out.add(enriched);
        }
        int kept = out.size();
        return new SizedStream(new PushStream(labels, out),
                kept == entries.size() ? outLineBytes : Arrays.copyOf(outLineBytes, kept),
                kept == entries.size() ? outMetadataBytes : Arrays.copyOf(outMetadataBytes, kept));
    }

    private LogEntry enrich(String streamLevel, LogEntry e) {
        Labels md = e.metadata();
        if (!md.isEmpty()) {
            md = sanitize(md);
        }
        if (levels != null) {
            String existing = md.get(DETECTED_LEVEL);
            if (existing != null) {
                String normalized = LevelDetector.normalize(existing);
                if (!normalized.equals(existing)) {
                    md = md.toBuilder().set(DETECTED_LEVEL, normalized).build();
                }
            } else {
                String level = levels.detect(streamLevel, md, e.line(), scratchHoldsLine ? scratch : null);
                md = md.isEmpty() ? levelOnly(level) : md.toBuilder().set(DETECTED_LEVEL, level).build();
            }
        }
        return md == e.metadata() ? e : new LogEntry(e.timestampNanos(), e.line(), md);
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Labels> LEVEL_ONLY =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The metadata {@code {detected_level="x"}}, shared for the canonical levels (no per-entry allocation). */
    private static Labels levelOnly(String level) {
        Labels l = LEVEL_ONLY.get(level);
        if (l == null) {
            l = Labels.of(DETECTED_LEVEL, level);
            if (LEVEL_ONLY.size() < 64) {
                LEVEL_ONLY.put(level, l);
            }
        }
        return l;
    }

    /** Structured-metadata names made Prometheus-compliant (OTel's label namer); U+FFFD removed from values. */
    static Labels sanitize(Labels md) {
        boolean clean = true;
        for (int i = 0; i < md.size() && clean; i++) {
            clean = isCompliantName(md.name(i)) && md.value(i).indexOf('\uFFFD') < 0;
        }
        if (clean) {
            return md;
        }
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < md.size(); i++) {
            String name = md.name(i);
            String sanitized = isCompliantName(name) ? name : sanitizeName(name);
            if (sanitized.isEmpty()) {
                continue;
            }
            b.set(sanitized, md.value(i).replace("\uFFFD", ""));
        }
        return b.build();
    }

    private static boolean isCompliantName(String n) {
        if (n.isEmpty() || (n.charAt(0) >= '0' && n.charAt(0) <= '9')) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (c != '_' || (i > 0 && n.charAt(i - 1) == '_'))) {
                return sanitizeName(n).equals(n);
            }
        }
        return true;
    }

    static String sanitizeName(String name) {
        boolean reserved = name.length() > 4 && name.startsWith("__") && name.endsWith("__");
        String core = reserved ? name.substring(2, name.length() - 2) : name;
        StringBuilder sb = new StringBuilder(core.length() + 4);
        boolean prevUnderscore = false;
        for (int i = 0; i < core.length(); i++) {
            char c = core.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                sb.append(c);
                prevUnderscore = false;
            } else if (!prevUnderscore) {
                sb.append('_');
                prevUnderscore = true;
            }
        }
        String out = reserved ? "__" + sb + "__" : sb.toString();
        if (!out.isEmpty() && Character.isDigit(out.charAt(0))) {
            out = "key_" + out;
        }
        return out.chars().allMatch(c -> c == '_') ? "" : out;
    }

    private void discard(String reason, List<LogEntry> entries) {
        long bytes = 0;
        for (LogEntry e : entries) {
            bytes += utf8Length(e.line()) + metadataSize(e.metadata());
        }
        metrics.discarded(reason, tenant, entries.size(), bytes);
    }

    private void record(String reason, long bytes) {
        metrics.discarded(reason, tenant, 1, bytes);
    }

    private static String truncate(String line, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return line.substring(0, i);
    }

    static String rfc3339(long nanos) {
        return RFC3339.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)));
    }

    /** Go's {@code time.Time.String()} in UTC: {@code 2026-11-21 19:06:10.637693557 +0000 UTC}. */
    static String goTime(long nanos) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        String base = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(i);
        String frac = "";
        if (i.getNano() != 0) {
            frac = String.format(".%09d", i.getNano()).replaceAll("0+$", "");
        }
        return base + frac + " +0000 UTC";
    }

    /** Bytes of structured metadata as Loki counts them: names plus values. */
    static int metadataSize(Labels md) {
        int n = 0;
        for (int i = 0; i < md.size(); i++) {
            n += utf8Length(md.name(i)) + utf8Length(md.value(i));
        }
        return n;
    }

    /**
     * {@link #utf8Length} of a line: the chars are copied in bulk into a scratch array (an intrinsic
     * for Latin-1 strings) and OR-ed together, a loop the JIT vectorises; only non-ASCII lines take
     * the per-char path.
     */
    private int lineLength(String line) {
        int n = line.length();
        scratchHoldsLine = false;
        if (n > scratch.length) {
            if (n > 1 << 20) {
                return utf8Length(line);
            }
            scratch = new char[Math.max(n, scratch.length * 2)];
        }
        char[] c = scratch;
        line.getChars(0, n, c, 0);
        scratchHoldsLine = true;
        int any = 0;
        for (int i = 0; i < n; i++) {
            any |= c[i];
        }
        return any < 0x80 ? n : utf8Length(line);
    }

    static int utf8Length(String s) {
        int n = s.length();
        int i = 0;
        // ASCII prefix: a branch-light loop (most lines are pure ASCII)
        while (i < n && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return n;
        }
        int extra = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    extra += 1;
                } else if (Character.isHighSurrogate(c)) {
                    extra += 2;
                    i++;
                } else {
                    extra += 2;
                }
            }
        }
        return n + extra;
    }
}
