package io.strata.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small Drain-style log pattern miner (the idea of Loki's pattern ingester, written for sampled
 * lines): a line is split into tokens at spaces and after {@code =}; lines of one level with the
 * same token count and the same leading tokens (tokens holding digits count as variables) form a
 * candidate group; a line joins the most similar pattern of its group when at least
 * {@link #SIMILARITY} of its tokens are equal, and the differing positions become {@code <_>}
 * (consecutive {@code <_>} collapse into one when printed). Every pattern counts its lines per
 * {@code step} bucket. At most {@link #MAX_PATTERNS} patterns; later new shapes are ignored.
 * Not thread-safe.
 */
public final class PatternMiner {
    public static final String PARAM = "<_>";
    static final double SIMILARITY = 0.3;
    static final int PREFIX_TOKENS = 3;
    static final int MAX_PATTERNS = 300;
    static final int MAX_LINE_LENGTH = 3000;

    /** A mined pattern: its text, its level, and {@code [seconds, count]} samples in time order. */
    public record Pattern(String pattern, String level, List<long[]> samples, long total) {}

    private static final class Cluster {
        final String[] tokens;
        final boolean[] spaceAfter;
        final String level;
        final TreeMap<Long, Long> buckets = new TreeMap<>();
        long total;

        Cluster(String[] tokens, boolean[] spaceAfter, String level) {
            this.tokens = tokens;
            this.spaceAfter = spaceAfter;
            this.level = level;
        }
    }

    private final long stepNanos;
    private final Map<String, List<Cluster>> groups = new HashMap<>();
    private final List<Cluster> clusters = new ArrayList<>();

    public PatternMiner(long stepNanos) {
        this.stepNanos = Math.max(1, stepNanos);
    }

    public void add(long timestampNanos, String line, String level) {
        if (line.length() > MAX_LINE_LENGTH) {
            return;
        }
        List<String> tokenList = new ArrayList<>();
        List<Boolean> spaces = new ArrayList<>();
        tokenize(line, tokenList, spaces);
        if (tokenList.isEmpty()) {
            return;
        }
        String[] tokens = tokenList.toArray(new String[0]);
        String key = groupKey(level, tokens);
        List<Cluster> group = groups.computeIfAbsent(key, k -> new ArrayList<>());
        Cluster best = null;
        double bestSim = -1;
        for (Cluster c : group) {
            double sim = similarity(c.tokens, tokens);
            if (sim > bestSim) {
                bestSim = sim;
                best = c;
            }
        }
        if (best == null || bestSim < SIMILARITY) {
            if (clusters.size() >= MAX_PATTERNS) {
                return;
            }
            boolean[] after = new boolean[tokens.length];
            for (int i = 0; i < after.length; i++) {
                after[i] = spaces.get(i);
            }
            best = new Cluster(tokens, after, level);
            group.add(best);
            clusters.add(best);
        } else {
            for (int i = 0; i < tokens.length; i++) {
                if (!best.tokens[i].equals(tokens[i])) {
                    best.tokens[i] = PARAM;
                }
            }
        }
        long bucket = Math.floorDiv(timestampNanos, stepNanos) * stepNanos;
        best.buckets.merge(bucket, 1L, Long::sum);
        best.total++;
    }

    /** The patterns, most frequent first. */
    public List<Pattern> patterns() {
        List<Pattern> out = new ArrayList<>(clusters.size());
        for (Cluster c : clusters) {
            List<long[]> samples = new ArrayList<>(c.buckets.size());
            c.buckets.forEach((ts, n) -> samples.add(new long[] {Math.floorDiv(ts, 1_000_000_000L), n}));
            out.add(new Pattern(render(c), c.level, samples, c.total));
        }
        out.sort((a, b) -> {
            int r = Long.compare(b.total(), a.total());
            return r != 0 ? r : a.pattern().compareTo(b.pattern());
        });
        return out;
    }

    private static String render(Cluster c) {
        StringBuilder b = new StringBuilder();
        boolean lastParam = false;
        boolean pendingSpace = false;
        for (int i = 0; i < c.tokens.length; i++) {
            boolean param = c.tokens[i].equals(PARAM);
            if (param && lastParam) {
                pendingSpace = c.spaceAfter[i];
                continue;
            }
            if (pendingSpace) {
                b.append(' ');
            }
            b.append(c.tokens[i]);
            pendingSpace = c.spaceAfter[i];
            lastParam = param;
        }
        return b.toString();
    }

    static void tokenize(String line, List<String> tokens, List<Boolean> spaceAfter) {
        int start = 0;
        int n = line.length();
        for (int i = 0; i <= n; i++) {
            char ch = i < n ? line.charAt(i) : ' ';
            if (ch == ' ' || ch == '\t') {
                if (i > start) {
                    tokens.add(line.substring(start, i));
                    spaceAfter.add(true);
                } else if (!spaceAfter.isEmpty()) {
                    spaceAfter.set(spaceAfter.size() - 1, true);
                }
                start = i + 1;
            } else if (ch == '=' && i + 1 < n && line.charAt(i + 1) != ' ') {
                tokens.add(line.substring(start, i + 1));
                spaceAfter.add(false);
                start = i + 1;
            }
        }
    }

    private static String groupKey(String level, String[] tokens) {
        StringBuilder b = new StringBuilder(level).append('\u0000').append(tokens.length);
        for (int i = 0; i < Math.min(PREFIX_TOKENS, tokens.length); i++) {
            b.append('\u0000').append(hasDigit(tokens[i]) ? PARAM : tokens[i]);
        }
        return b.toString();
    }

    private static double similarity(String[] template, String[] tokens) {
        int equal = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (template[i].equals(tokens[i])) {
                equal++;
            }
        }
        return (double) equal / tokens.length;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
