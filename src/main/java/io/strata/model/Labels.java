package io.strata.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable label set, sorted by name, names unique. Used for stream labels, structured
 * metadata and result series alike. {@link #toString()} gives Loki's rendering
 * {@code {app="api", env="prod"}}.
 */
public final class Labels implements Iterable<Label>, Comparable<Labels> {
    public static final Labels EMPTY = new Labels(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private int hash; // cached, 0 = not computed
    private long fingerprint; // cached, 0 = not computed

    private Labels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** From alternating name, value arguments; later duplicates win. */
    public static Labels of(String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of arguments");
        }
        Builder b = builder();
        for (int i = 0; i < nameValues.length; i += 2) {
            b.set(nameValues[i], nameValues[i + 1]);
        }
        return b.build();
    }

    public static Labels fromMap(Map<String, String> map) {
        Builder b = builder();
        map.forEach(b::set);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder seeded with these labels. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (int i = 0; i < names.length; i++) {
            b.map.put(names[i], values[i]);
        }
        return b;
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The value of a label, or null when absent. */
    public String get(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? values[i] : null;
    }

    public boolean has(String name) {
        return Arrays.binarySearch(names, name) >= 0;
    }

    public List<String> names() {
        return List.of(names);
    }

    public void forEach(BiConsumer<String, String> consumer) {
        for (int i = 0; i < names.length; i++) {
            consumer.accept(names[i], values[i]);
        }
    }

    /** A sorted map copy (insertion order = name order). */
    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        forEach(m::put);
        return m;
    }

    /** Whether all matchers match this label set. */
    public boolean matches(List<Matcher> matchers) {
        for (Matcher m : matchers) {
            if (!m.matches(this)) {
                return false;
            }
        }
        return true;
    }

    /** A stable 64-bit hash of names and values (FNV-1a), used as the stream fingerprint. */
    public long fingerprint() {
        long f = fingerprint;
        if (f == 0) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < names.length; i++) {
                h = fnv(h, names[i]);
                h = (h ^ 0xff) * 0x100000001b3L;
                h = fnv(h, values[i]);
                h = (h ^ 0xfe) * 0x100000001b3L;
            }
            f = h == 0 ? 1 : h;
            fingerprint = f;
        }
        return f;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xff)) * 0x100000001b3L;
            h = (h ^ (c >>> 8)) * 0x100000001b3L;
        }
        return h;
    }

    @Override
    public Iterator<Label> iterator() {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < names.length;
            }

            @Override
            public Label next() {
                if (i >= names.length) {
                    throw new NoSuchElementException();
                }
                Label l = new Label(names[i], values[i]);
                i++;
                return l;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Labels l && Arrays.equals(names, l.names) && Arrays.equals(values, l.values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
            hash = h == 0 ? 1 : h;
        }
        return h;
    }

    /** Orders label sets as Prometheus does: label by label, names then values, shorter first. */
    @Override
    public int compareTo(Labels o) {
        int n = Math.min(names.length, o.names.length);
        for (int i = 0; i < n; i++) {
            int c = names[i].compareTo(o.names[i]);
            if (c != 0) {
                return c;
            }
            c = values[i].compareTo(o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(names.length, o.names.length);
    }

    /** Loki's rendering: {@code {a="1", b="2"}}, values quoted like Go's strconv.Quote. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(16 * names.length + 2).append('{');
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names[i]).append('=');
            appendQuoted(sb, values[i]);
        }
        return sb.append('}').toString();
    }

    /** Go strconv.Quote-style double-quoted string. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendQuoted(sb, s);
        return sb.toString();
    }

    static void appendQuoted(StringBuilder sb, String s) {
        appendQuoted(sb, s, Quoting.GO);
    }

    /** The double-quoted string forms in use; all escape quote, backslash, newline, CR and tab with a backslash. */
    public enum Quoting {
        /** Go's {@code strconv.Quote}: {@code \a \b \f \v}, other control characters and DEL as {@code \xNN}. */
        GO,
        /** JSON: other control characters as six-character {@code \\u} escapes (the tenant files' canonical JSON). */
        JSON,
        /** Go's {@code json.Marshal}: as JSON, and {@code < > &} and U+2028/9 escaped too (the ruler's Grafana links). */
        JSON_HTML_SAFE,
        /** A YAML double-quoted scalar: as JSON, and DEL, U+0085, U+2028/9 and U+FEFF escaped too. */
        YAML
    }

    /** Appends {@code s} double-quoted in the given form. */
    public static void appendQuoted(StringBuilder sb, String s, Quoting quoting) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (quoting == Quoting.GO) {
                        appendGoEscaped(sb, c);
                    } else if (c < 0x20 || (quoting == Quoting.JSON_HTML_SAFE
                            && (c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029))
                            || (quoting == Quoting.YAML
                            && (c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff))) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void appendGoEscaped(StringBuilder sb, char c) {
        switch (c) {
            case '\u0007' -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\u000b' -> sb.append("\\v");
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final TreeMap<String, String> map = new TreeMap<>();

        public Builder set(String name, String value) {
            map.put(name, value);
            return this;
        }

        public Builder remove(String name) {
            map.remove(name);
            return this;
        }

        public String get(String name) {
            return map.get(name);
        }

        public boolean has(String name) {
            return map.containsKey(name);
        }

        public Builder setAll(Labels labels) {
            labels.forEach(map::put);
            return this;
        }

        public Labels build() {
            if (map.isEmpty()) {
                return EMPTY;
            }
            List<String> n = new ArrayList<>(map.keySet());
            String[] names = n.toArray(new String[0]);
            String[] values = new String[names.length];
            int i = 0;
            for (String v : map.values()) {
                values[i++] = v;
            }
            return new Labels(names, values);
        }
    }
}
