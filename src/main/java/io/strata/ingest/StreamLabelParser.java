package io.strata.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strata.model.ErrorCategory;
import io.strata.model.Label;
import io.strata.model.Labels;
import io.strata.model.SelectorParser;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The request-level label step of a push (Loki's {@code ParseLokiRequest}): parse each stream's
 * label text (any failure rejects the whole request: 400 {@code couldn't parse labels: ...}), drop
 * empty values, and add {@code service_name} from the discovery list when absent.
 */
final class StreamLabelParser {
    static final String SERVICE_NAME = "service_name";
    static final String UNKNOWN_SERVICE = "unknown_service";
    private static final int MAX_STREAM_LABELS_SIZE = 1 << 24;

    private StreamLabelParser() {}

    /** Parsed labels of one stream: sorted pairs (duplicates kept for validation) and their text. */
    record ParsedLabels(List<Label> pairs, String text, boolean internal, Labels labels) {
        ParsedLabels(List<Label> pairs, String text, boolean internal) {
            this(pairs, text, internal, toLabels(pairs));
        }

        private static Labels toLabels(List<Label> pairs) {
            Labels.Builder b = Labels.builder();
            for (Label l : pairs) {
                b.set(l.name(), l.value());
            }
            return b.build();
        }
    }

    private record CacheKey(String text, List<String> discoverServiceName) {}

    /**
     * Clients send the same few label texts in every push: parsed results (immutable) are kept by
     * text and discovery list. Failures are never cached, so they are re-parsed and re-reported.
     */
    private static final Cache<CacheKey, ParsedLabels> CACHE = Caffeine.newBuilder().maximumSize(65_536).build();
    private static final int MAX_CACHED_TEXT = 4096;

    /** {@link #parse}, served from a bounded cache of recent label texts. */
    static ParsedLabels parseCached(String labelText, List<String> discoverServiceName) {
        if (labelText.length() > MAX_CACHED_TEXT) {
            return parse(labelText, discoverServiceName);
        }
        CacheKey key = new CacheKey(labelText, discoverServiceName);
        ParsedLabels p = CACHE.getIfPresent(key);
        if (p == null) {
            p = parse(labelText, discoverServiceName);
            CACHE.put(key, p);
        }
        return p;
    }

    static ParsedLabels parse(String labelText, List<String> discoverServiceName) {
        if (labelText.length() > MAX_STREAM_LABELS_SIZE) {
            throw new StrataException(ErrorCategory.TOO_LARGE, "request body too large: stream labels size "
                    + humanBytes(labelText.length()) + " exceeds limit of " + humanBytes(MAX_STREAM_LABELS_SIZE));
        }
        List<Label> parsed;
        try {
            parsed = SelectorParser.parseLabels(labelText);
        } catch (StrataException e) {
            throw StrataException.badRequest("couldn't parse labels: " + e.getMessage());
        }
        List<Label> pairs = new ArrayList<>(parsed.size() + 1);
        for (Label l : parsed) {
            if (!l.value().isEmpty()) {
                pairs.add(l);
            }
        }
        boolean internal = has(pairs, "__aggregated_metric__") || has(pairs, "__pattern__");
        if (!has(pairs, SERVICE_NAME) && !discoverServiceName.isEmpty() && !internal) {
            String service = UNKNOWN_SERVICE;
            for (String name : discoverServiceName) {
                String v = get(pairs, name);
                if (v != null && !v.isEmpty()) {
                    service = v;
                    break;
                }
            }
            pairs.add(new Label(SERVICE_NAME, service));
        }
        pairs.sort(Comparator.comparing(Label::name));
        return new ParsedLabels(List.copyOf(pairs), render(pairs), internal);
    }

    static String render(List<Label> pairs) {
        StringBuilder sb = new StringBuilder(pairs.size() * 16 + 2).append('{');
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(pairs.get(i).name()).append('=').append(Labels.quote(pairs.get(i).value()));
        }
        return sb.append('}').toString();
    }

    private static boolean has(List<Label> pairs, String name) {
        return get(pairs, name) != null;
    }

    private static String get(List<Label> pairs, String name) {
        for (Label l : pairs) {
            if (l.name().equals(name)) {
                return l.value();
            }
        }
        return null;
    }

    /** go-humanize's SI byte rendering ({@code 17 MB}). */
    static String humanBytes(long n) {
        if (n < 10) {
            return n + " B";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return (v < 10 ? String.format("%.1f", v) : String.format("%.0f", v)) + " " + units[u];
    }
}
