package io.strata.logql.log;

import io.strata.model.Labels;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-entry scratch label set of one stream: the stream's <b>indexed</b> labels (fixed per
 * stream), the entry's <b>structured metadata</b>, the <b>parsed</b> labels added by parsers and
 * {@code label_format}, and the error slot ({@code __error__}, {@code __error_details__}).
 *
 * <p>Visibility follows Loki: a parsed label hides a metadata or stream label of the same name,
 * a metadata label hides a stream label; deleted names are hidden in every category. Structured
 * metadata named like a stream label is stored as {@code <name>_extracted}; parsers store a name
 * that clashes with a stream or metadata label as {@code <name>_extracted} as well, and the first
 * value a parser writes for a name wins ({@link #setParsedFirst}).
 *
 * <p>Owned by one {@link StreamPipeline}; {@link #reset} is called per entry. Not thread-safe.
 * {@link #labels()} returns the same {@link Labels} instance for the same content (cache by
 * content, per stream).
 */
public final class LabelsBuilder {
    public static final String ERROR = "__error__";
    public static final String ERROR_DETAILS = "__error_details__";
    public static final String PRESERVE_ERROR = "__preserve_error__";
    static final String DUPLICATE_SUFFIX = "_extracted";
    private static final int CACHE_LIMIT = 4096;

    private final Labels stream;
    private String[] metaNames = new String[4];
    private String[] metaValues = new String[4];
    private int metaCount;
    private String[] parsedNames = new String[16];
    private String[] parsedValues = new String[16]; // null = not decoded yet, see raw*
    private byte[][] rawBuffers = new byte[16][];
    private int[] rawStarts = new int[16];
    private int[] rawEnds = new int[16];
    private int parsedCount;
    private String[] deleted = new String[4];
    private int deletedCount;
    private String[] extracted = new String[16];
    private int extractedCount;
    private String error;
    private String errorDetails;

    // scratch for labels()
    private String[] outNames = new String[16];
    private String[] outValues = new String[16];
    private final Map<Long, Labels> cache = new HashMap<>();
    private final Map<String, String> streamClash = new HashMap<>();

    public LabelsBuilder(Labels stream) {
        this.stream = stream;
    }

    /** Starts a new entry with the given structured metadata (may be empty). */
    public void reset(Labels metadata) {
        metaCount = 0;
        parsedCount = 0;
        deletedCount = 0;
        extractedCount = 0;
        error = null;
        errorDetails = null;
        for (int i = 0; i < metadata.size(); i++) {
            String name = metadata.name(i);
            String value = metadata.value(i);
            if (stream.has(name)) {
                name = name + DUPLICATE_SUFFIX;
            }
            if (name.equals(ERROR)) {
                error = value;
            } else if (name.equals(ERROR_DETAILS)) {
                errorDetails = value;
            } else {
                metaNames = grow(metaNames, metaCount);
                metaValues = grow(metaValues, metaCount);
                metaNames[metaCount] = name;
                metaValues[metaCount++] = value;
            }
        }
    }

    public Labels streamLabels() {
        return stream;
    }

    // ---------------------------------------------------------------- reading

    /** The visible value of a label, or null when absent. Reads the error slot for its names. */
    public String get(String name) {
        int i = indexOf(parsedNames, parsedCount, name);
        if (i >= 0) {
            return parsedValue(i);
        }
        i = indexOf(metaNames, metaCount, name);
        if (i >= 0) {
            return metaValues[i];
        }
        if (name.equals(ERROR)) {
            return error;
        }
        if (name.equals(ERROR_DETAILS)) {
            return errorDetails;
        }
        if (deletedCount > 0 && indexOf(deleted, deletedCount, name) >= 0) {
            return null;
        }
        return stream.get(name);
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** Whether the name is an indexed (stream) label or a structured-metadata label of the entry. */
    public boolean isStreamOrMetadataName(String name) {
        return stream.has(name) || indexOf(metaNames, metaCount, name) >= 0;
    }

    public boolean hasParsed(String name) {
        return indexOf(parsedNames, parsedCount, name) >= 0;
    }

    // ---------------------------------------------------------------- writing

    /** Writes a parsed label, overwriting (label_format, parsers with extraction parameters). */
    public void setParsed(String name, String value) {
        int i = indexOf(parsedNames, parsedCount, name);
        if (i >= 0) {
            parsedValues[i] = value;
            rawBuffers[i] = null;
            return;
        }
        appendParsed(name, value, null, 0, 0);
        if (indexOf(extracted, extractedCount, name) < 0) {
            extracted = grow(extracted, extractedCount);
            extracted[extractedCount++] = name;
        }
    }

    /**
     * The parser rule: {@code name} clashing with a stream or metadata label becomes
     * {@code name_extracted}; if a parser already wrote that name for this entry, the first value
     * wins and nothing is written. Returns whether the label was written.
     */
    public boolean setParsedFirst(String name, String value) {
        String key = parserName(name);
        if (indexOf(extracted, extractedCount, key) >= 0) {
            return false;
        }
        // every parsed name is recorded in `extracted`, so the key is not parsed yet: append
        appendParsed(key, value, null, 0, 0);
        extracted = grow(extracted, extractedCount);
        extracted[extractedCount++] = key;
        return true;
    }

    /**
     * Like {@link #setParsedFirst} for a value given as UTF-8 bytes {@code b[start, end)}; the
     * String is only made when someone reads the label (invalid UTF-8 becomes spaces). The
     * bytes must stay unchanged until the entry is finished.
     */
    public boolean setParsedFirstRaw(String name, byte[] b, int start, int end) {
        String key = parserName(name);
        if (indexOf(extracted, extractedCount, key) >= 0) {
            return false;
        }
        appendParsed(key, null, b, start, end);
        extracted = grow(extracted, extractedCount);
        extracted[extractedCount++] = key;
        return true;
    }

    private void appendParsed(String name, String value, byte[] b, int start, int end) {
        if (parsedCount == parsedNames.length) {
            int n = parsedCount * 2;
            parsedNames = java.util.Arrays.copyOf(parsedNames, n);
            parsedValues = java.util.Arrays.copyOf(parsedValues, n);
            rawBuffers = java.util.Arrays.copyOf(rawBuffers, n);
            rawStarts = java.util.Arrays.copyOf(rawStarts, n);
            rawEnds = java.util.Arrays.copyOf(rawEnds, n);
        }
        parsedNames[parsedCount] = name;
        parsedValues[parsedCount] = value;
        rawBuffers[parsedCount] = b;
        rawStarts[parsedCount] = start;
        rawEnds[parsedCount++] = end;
    }

    private String parsedValue(int i) {
        String v = parsedValues[i];
        if (v == null) {
            v = JsonScanner.decodeLenient(rawBuffers[i], rawStarts[i], rawEnds[i]);
            parsedValues[i] = v;
            rawBuffers[i] = null;
        }
        return v;
    }

    /** Applies the {@code _extracted} clash rule to a name a parser wants to write. */
    public String parserName(String name) {
        String cached = streamClash.get(name);
        if (cached == null) {
            cached = stream.has(name) ? name + DUPLICATE_SUFFIX : name;
            if (streamClash.size() < CACHE_LIMIT) {
                streamClash.put(name, cached);
            }
        }
        if (cached.length() != name.length() || metaCount == 0) { // clashes with a stream label, or no metadata
            return cached;
        }
        return indexOf(metaNames, metaCount, name) >= 0 ? name + DUPLICATE_SUFFIX : name;
    }

    /** Whether a parser already wrote this (final) name for this entry. */
    public boolean alreadyExtracted(String key) {
        return indexOf(extracted, extractedCount, key) >= 0;
    }

    /** Deletes a label in every category; deleting an error name clears that part of the error. */
    public void delete(String name) {
        if (name.equals(ERROR)) {
            error = null;
        } else if (name.equals(ERROR_DETAILS)) {
            errorDetails = null;
        }
        int pi = indexOf(parsedNames, parsedCount, name);
        if (pi >= 0) {
            int tail = parsedCount - pi - 1;
            System.arraycopy(parsedNames, pi + 1, parsedNames, pi, tail);
            System.arraycopy(parsedValues, pi + 1, parsedValues, pi, tail);
            System.arraycopy(rawBuffers, pi + 1, rawBuffers, pi, tail);
            System.arraycopy(rawStarts, pi + 1, rawStarts, pi, tail);
            System.arraycopy(rawEnds, pi + 1, rawEnds, pi, tail);
            parsedCount--;
        }
        metaCount = remove(metaNames, metaValues, metaCount, name);
        if (stream.has(name) && indexOf(deleted, deletedCount, name) < 0) {
            deleted = grow(deleted, deletedCount);
            deleted[deletedCount++] = name;
        }
    }

    // ---------------------------------------------------------------- errors

    /** Sets {@code __error__} and (when non-null) {@code __error_details__}, unless an error is set. */
    public void setErrorIfNone(String error, String details) {
        if (this.error != null) {
            return;
        }
        this.error = error;
        if (details != null) {
            this.errorDetails = details;
        }
    }

    /** Sets the error unconditionally (parsers overwrite an earlier error, as Loki's SetErr does). */
    public void setError(String error, String details) {
        this.error = error;
        if (details != null) {
            this.errorDetails = details;
        }
    }

    public String error() {
        return error;
    }

    public String errorDetails() {
        return errorDetails;
    }

    public boolean hasError() {
        return error != null && !error.isEmpty();
    }

    // ---------------------------------------------------------------- results

    /** Calls the consumer for every visible label (unsorted), including the error labels. */
    public void forEachVisible(java.util.function.BiConsumer<String, String> consumer) {
        for (int i = 0; i < stream.size(); i++) {
            String n = stream.name(i);
            if (visibleStream(n)) {
                consumer.accept(n, stream.value(i));
            }
        }
        for (int i = 0; i < metaCount; i++) {
            if (indexOf(parsedNames, parsedCount, metaNames[i]) < 0) {
                consumer.accept(metaNames[i], metaValues[i]);
            }
        }
        for (int i = 0; i < parsedCount; i++) {
            consumer.accept(parsedNames[i], parsedValue(i));
        }
        if (error != null && !error.isEmpty()) {
            consumer.accept(ERROR, error);
        }
        if (errorDetails != null && !errorDetails.isEmpty()) {
            consumer.accept(ERROR_DETAILS, errorDetails);
        }
    }

    private boolean visibleStream(String n) {
        return (deletedCount == 0 || indexOf(deleted, deletedCount, n) < 0)
                && indexOf(metaNames, metaCount, n) < 0 && indexOf(parsedNames, parsedCount, n) < 0;
    }

    /** The visible label set, sorted; the same instance for the same content. */
    public Labels labels() {
        if (metaCount == 0 && parsedCount == 0 && deletedCount == 0 && error == null && errorDetails == null) {
            return stream;
        }
        int n = 0;
        int cap = stream.size() + metaCount + parsedCount + 2;
        if (outNames.length < cap) {
            outNames = new String[cap * 2];
            outValues = new String[cap * 2];
        }
        for (int i = 0; i < stream.size(); i++) {
            String name = stream.name(i);
            if (visibleStream(name)) {
                outNames[n] = name;
                outValues[n++] = stream.value(i);
            }
        }
        for (int i = 0; i < metaCount; i++) {
            if (indexOf(parsedNames, parsedCount, metaNames[i]) < 0) {
                outNames[n] = metaNames[i];
                outValues[n++] = metaValues[i];
            }
        }
        for (int i = 0; i < parsedCount; i++) {
            outNames[n] = parsedNames[i];
            outValues[n++] = parsedValue(i);
        }
        if (error != null && !error.isEmpty() && indexOf(outNames, n, ERROR) < 0) {
            outNames[n] = ERROR;
            outValues[n++] = error;
        }
        if (errorDetails != null && !errorDetails.isEmpty() && indexOf(outNames, n, ERROR_DETAILS) < 0) {
            outNames[n] = ERROR_DETAILS;
            outValues[n++] = errorDetails;
        }
        sort(outNames, outValues, n);
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < n; i++) {
            h = h * 31 + outNames[i].hashCode();
            h = h * 0x100000001b3L + outValues[i].hashCode();
        }
        Labels cached = cache.get(h);
        if (cached != null && sameContent(cached, n)) {
            return cached;
        }
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < n; i++) {
            b.set(outNames[i], outValues[i]);
        }
        Labels result = b.build();
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(h, result);
        return result;
    }

    /** The visible labels split into Loki's three categories (error labels count as parsed). */
    public CategorizedLabels categorized() {
        Labels.Builder s = Labels.builder();
        for (int i = 0; i < stream.size(); i++) {
            if (visibleStream(stream.name(i))) {
                s.set(stream.name(i), stream.value(i));
            }
        }
        Labels.Builder m = Labels.builder();
        for (int i = 0; i < metaCount; i++) {
            if (indexOf(parsedNames, parsedCount, metaNames[i]) < 0) {
                m.set(metaNames[i], metaValues[i]);
            }
        }
        Labels.Builder p = Labels.builder();
        for (int i = 0; i < parsedCount; i++) {
            p.set(parsedNames[i], parsedValue(i));
        }
        if (error != null && !error.isEmpty()) {
            p.set(ERROR, error);
        }
        if (errorDetails != null && !errorDetails.isEmpty()) {
            p.set(ERROR_DETAILS, errorDetails);
        }
        return new CategorizedLabels(s.build(), m.build(), p.build());
    }

    private boolean sameContent(Labels l, int n) {
        if (l.size() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!l.name(i).equals(outNames[i]) || !l.value(i).equals(outValues[i])) {
                return false;
            }
        }
        return true;
    }

    private static void sort(String[] names, String[] values, int n) {
        for (int i = 1; i < n; i++) {
            String kn = names[i];
            String kv = values[i];
            int j = i - 1;
            while (j >= 0 && names[j].compareTo(kn) > 0) {
                names[j + 1] = names[j];
                values[j + 1] = values[j];
                j--;
            }
            names[j + 1] = kn;
            values[j + 1] = kv;
        }
    }

    static int indexOf(String[] names, int count, String name) {
        for (int i = 0; i < count; i++) {
            String s = names[i];
            if (s == name || s.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int remove(String[] names, String[] values, int count, String name) {
        int i = indexOf(names, count, name);
        if (i < 0) {
            return count;
        }
        System.arraycopy(names, i + 1, names, i, count - i - 1);
        System.arraycopy(values, i + 1, values, i, count - i - 1);
        return count - 1;
    }

    private static String[] grow(String[] a, int count) {
        return count < a.length ? a : java.util.Arrays.copyOf(a, a.length * 2);
    }
}
