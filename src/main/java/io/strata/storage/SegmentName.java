package io.strata.storage;

/**
 * The parts of an index segment file name: {@code <writer id>-<sequence, 12 digits>.idx} as the
 * flusher writes it, or {@code <writer id>-<sequence>c<k>.idx} for a segment the compactor wrote in
 * place of older segments of the same writer ({@code sequence} = the highest input sequence,
 * {@code k} counts rewrites of that sequence). A writer owns (trusts for WAL replay) every segment
 * whose name starts with {@code <its writer id>-}. Immutable.
 *
 * @param writer the writer id (never contains {@code -})
 * @param sequence the flush sequence, or the highest input sequence of a rewrite
 * @param rewrite 0 for a segment written by a flush, {@code k >= 1} for a rewrite
 */
record SegmentName(String writer, long sequence, int rewrite) {

    /** Parses a file name (no directory); null when it is not an index segment name. */
    static SegmentName parse(String name) {
        if (!name.endsWith(".idx")) {
            return null;
        }
        int dash = name.indexOf('-');
        if (dash < 1) {
            return null;
        }
        String tail = name.substring(dash + 1, name.length() - 4);
        int c = tail.indexOf('c');
        try {
            long seq = Long.parseLong(c < 0 ? tail : tail.substring(0, c));
            int k = c < 0 ? 0 : Integer.parseInt(tail.substring(c + 1));
            if (seq < 0 || k < 0 || (c >= 0 && k == 0)) {
                return null;
            }
            return new SegmentName(name.substring(0, dash), seq, k);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    String fileName() {
        String base = writer + "-" + String.format("%012d", sequence);
        return (rewrite == 0 ? base : base + "c" + rewrite) + ".idx";
    }
}
