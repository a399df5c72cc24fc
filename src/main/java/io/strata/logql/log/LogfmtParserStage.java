package io.strata.logql.log;

/**
 * {@code | logfmt [--strict] [--keep-empty]}: every {@code key=value} pair becomes a parsed label
 * (keys sanitised, quoted values unescaped, invalid UTF-8 → spaces). Without {@code --strict}
 * malformed pairs are skipped silently; with it, parsing stops at the first malformed pair and
 * sets {@code __error__="LogfmtParserErr"} with the decoder's message. Bare keys and empty
 * values are only extracted with {@code --keep-empty}. First value of a name wins.
 */
public final class LogfmtParserStage implements Stage {
    public static final String LOGFMT_PARSER_ERR = "LogfmtParserErr";
    private static final StringCache.Decoder SANITIZE = (b, s, e) -> {
        LabelNames.ByteBuffer out = new LabelNames.ByteBuffer();
        LabelNames.appendSanitized(b, s, e, out);
        return out.toString();
    };

    private final boolean strict;
    private final boolean keepEmpty;
    private final LogfmtDecoder dec = new LogfmtDecoder();
    private final StringCache keys = new StringCache();

    private final ParserHints hints;

    public LogfmtParserStage(boolean strict, boolean keepEmpty) {
        this(strict, keepEmpty, null);
    }

    /** @param hints the only labels the query reads, or null for every label (the whole line is still decoded) */
    public LogfmtParserStage(boolean strict, boolean keepEmpty, ParserHints hints) {
        this.strict = strict;
        this.keepEmpty = keepEmpty;
        this.hints = hints;
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        dec.reset(line.buffer(), line.offset(), line.length());
        while (!dec.eol()) {
            if (!dec.scanKeyval()) {
                if (strict) {
                    break;
                }
                continue;
            }
            if (!dec.hasKey()) {
                continue;
            }
            byte[] b = dec.buffer();
            String key = keys.get(b, dec.keyStart, dec.keyEnd, SANITIZE);
            if (key.isEmpty()) {
                continue;
            }
            if (!keepEmpty && dec.emptyValue()) {
                continue;
            }
            if (hints != null && !hints.wanted(key)) {
                continue;
            }
            if (dec.unquoted != null) {
                labels.setParsedFirst(key, dec.unquoted);
            } else {
                labels.setParsedFirstRaw(key, b, dec.valueStart, dec.valueEnd);
            }
        }
        if (strict && dec.error != null) {
            labels.setError(LOGFMT_PARSER_ERR, dec.error);
        }
        return true;
    }
}
