package io.strata.logql.log;

import java.util.List;

/**
 * {@code | logfmt [--strict] a="key", b}: extracts only the named keys, renaming {@code key} to
 * {@code a}. Requested names are pre-set to {@code ""} unless they are stream or metadata names,
 * so absent keys still appear empty; values are always written (no first-wins); a clash with a
 * stream or metadata label adds {@code _extracted}. {@code --strict} as in
 * {@link LogfmtParserStage}.
 */
public final class LogfmtExpressionStage implements Stage {
    private final String[] ids;
    private final String[] sources;
    private final boolean strict;
    private final LogfmtDecoder dec = new LogfmtDecoder();
    private final StringCache keys = new StringCache();

    public LogfmtExpressionStage(List<Extraction> expressions, boolean strict) {
        if (expressions.isEmpty()) {
            throw io.strata.model.StrataException.badRequest("no logfmt expression provided");
        }
        ids = new String[expressions.size()];
        sources = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = expressions.get(i).label();
            sources[i] = expressions.get(i).expression();
        }
        this.strict = strict;
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        for (String id : ids) {
            if (!labels.isStreamOrMetadataName(id)) {
                labels.setParsed(id, "");
            }
        }
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
            String key = keys.get(b, dec.keyStart, dec.keyEnd, (x, s, e) -> LabelNames.sanitize(
                    new String(x, s, e - s, java.nio.charset.StandardCharsets.UTF_8)));
            if (key.isEmpty()) {
                continue;
            }
            for (int i = 0; i < ids.length; i++) {
                if (key.equals(sources[i])) {
                    key = ids[i];
                    break;
                }
            }
            if (!isId(key)) {
                continue;
            }
            String value;
            if (dec.unquoted != null) {
                value = dec.unquoted;
            } else {
                value = new String(b, dec.valueStart, dec.valueEnd - dec.valueStart, java.nio.charset.StandardCharsets.UTF_8);
                if (value.indexOf('\uFFFD') >= 0) {
                    value = "";
                }
            }
            labels.setParsed(labels.parserName(key), value);
        }
        if (strict && dec.error != null) {
            labels.setError(LogfmtParserStage.LOGFMT_PARSER_ERR, dec.error);
        }
        return true;
    }

    private boolean isId(String key) {
        for (String id : ids) {
            if (id.equals(key)) {
                return true;
            }
        }
        return false;
    }
}
