package io.strata.logql.log;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The labels a query reads after a {@code json}/{@code logfmt} parser (Loki's parser hints): the
 * parser still scans the whole line (so its errors are unchanged) but only sets these names.
 * A name {@code x_extracted} also admits {@code x} (a key clashing with a stream or metadata label
 * is renamed so); names starting with {@code __} are always set. Immutable.
 */
public final class ParserHints {
    private final Set<String> keys;

    public ParserHints(Collection<String> labels) {
        Set<String> k = new HashSet<>();
        for (String l : labels) {
            k.add(l);
            String s = l;
            while (s.endsWith(LabelsBuilder.DUPLICATE_SUFFIX)) {
                s = s.substring(0, s.length() - LabelsBuilder.DUPLICATE_SUFFIX.length());
                k.add(s);
            }
        }
        this.keys = Set.copyOf(k);
    }

    /** Whether a parser should set the label of this (sanitised) key. */
    public boolean wanted(String key) {
        return keys.contains(key) || key.startsWith("__");
    }

    @Override
    public String toString() {
        return "ParserHints" + new java.util.TreeSet<>(keys);
    }
}
