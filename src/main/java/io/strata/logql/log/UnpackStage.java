package io.strata.logql.log;

import io.strata.logql.log.JsonScanner.SyntaxError;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code | unpack}: for a JSON object line holding the {@code _entry} key (Promtail's {@code pack}
 * stage), every top-level <em>string</em> field becomes a parsed label and {@code _entry}
 * replaces the line. Without {@code _entry} nothing changes. A line not starting with
 * {@code {} sets {@code __error__="JSONParserErr"}.
 */
public final class UnpackStage implements Stage {
    static final String PACKED_ENTRY_KEY = "_entry";
    static final String NOT_OBJECT = "expecting json object(6), but it is not";

    private final List<String> buffer = new ArrayList<>();

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        if (line.length() == 0) {
            return true;
        }
        byte[] b = line.buffer();
        int i = line.offset();
        int end = i + line.length();
        if (b[i] != '{') {
            labels.setError(JsonParserStage.JSON_PARSER_ERR, NOT_OBJECT);
            return true;
        }
        buffer.clear();
        String entry = null;
        try {
            i++;
            while (true) {
                i = JsonScanner.skipSpace(b, i, end);
                if (i >= end) {
                    throw new SyntaxError(JsonScanner.MALFORMED_OBJECT);
                }
                if (b[i] == '}') {
                    break;
                }
                if (b[i] != '"') {
                    throw new SyntaxError(JsonScanner.MALFORMED_JSON);
                }
                int ke = JsonScanner.skipString(b, i, end);
                String key = JsonScanner.unescape(b, i + 1, ke - 1);
                i = JsonScanner.skipSpace(b, ke, end);
                if (i >= end || b[i] != ':') {
                    throw new SyntaxError(JsonScanner.MALFORMED_JSON);
                }
                i = JsonScanner.skipSpace(b, i + 1, end);
                if (i >= end) {
                    throw new SyntaxError(JsonScanner.MALFORMED_VALUE);
                }
                int ve = JsonScanner.skipValue(b, i, end);
                if (b[i] == '"' && key != null) {
                    String value = JsonScanner.unescape(b, i + 1, ve - 1);
                    if (key.equals(PACKED_ENTRY_KEY)) {
                        if (value == null) {
                            throw new SyntaxError("Encountered an invalid escape sequence in a string");
                        }
                        entry = value;
                    } else {
                        String name = labels.parserName(key);
                        if (!labels.alreadyExtracted(name)) {
                            buffer.add(LabelNames.sanitize(name));
                            buffer.add(value == null ? "" : value);
                        }
                    }
                }
                i = JsonScanner.skipSpace(b, ve, end);
                if (i < end && b[i] == ',') {
                    i++;
                } else if (i < end && b[i] == '}') {
                    break;
                } else {
                    throw new SyntaxError(JsonScanner.MALFORMED_OBJECT);
                }
            }
        } catch (SyntaxError e) {
            labels.setError(JsonParserStage.JSON_PARSER_ERR, e.getMessage());
            return true;
        }
        if (entry != null) {
            for (int k = 0; k < buffer.size(); k += 2) {
                labels.setParsed(buffer.get(k), buffer.get(k + 1));
            }
            line.set(entry);
        }
        return true;
    }
}
