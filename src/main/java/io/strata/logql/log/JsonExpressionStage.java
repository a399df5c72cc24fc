package io.strata.logql.log;

import io.strata.logql.log.JsonScanner.SyntaxError;
import io.strata.model.StrataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code | json a="x.y", b="list[0]", c="[\"k.z\"]", d}: extracts only the given paths. A value
 * that is an object or array is returned as its raw JSON text, {@code null} as {@code ""}; a
 * missing path still yields the label with an empty value. Labels are always written (no
 * first-wins), with the {@code _extracted} clash rule. A line not starting with {@code {},
 * {@code [} or {@code "} sets {@code __error__="JSONParserErr"} without details.
 */
public final class JsonExpressionStage implements Stage {
    private final String[] ids;
    private final Object[][] paths; // String (object key) or Integer (array index)

    public JsonExpressionStage(List<Extraction> expressions) {
        ids = new String[expressions.size()];
        paths = new Object[ids.length][];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = expressions.get(k).label();
            paths[k] = parsePath(expressions.get(k).expression());
        }
    }

    /** Parses {@code a.b[0]["c.d"]}; bad syntax is a query error. */
    static Object[] parsePath(String expr) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = expr.length();
        boolean expectField = true;
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '[') {
                int close = expr.indexOf(']', i);
                if (close < 0) {
                    throw badPath(expr);
                }
                String inner = expr.substring(i + 1, close).strip();
                if (inner.length() >= 2 && inner.startsWith("\"") && inner.endsWith("\"")) {
                    out.add(inner.substring(1, inner.length() - 1));
                } else if (!inner.isEmpty() && inner.chars().allMatch(Character::isDigit)) {
                    out.add(Integer.parseInt(inner));
                } else {
                    throw badPath(expr);
                }
                i = close + 1;
                expectField = false;
            } else if (c == '.') {
                if (expectField || i + 1 >= n) {
                    throw badPath(expr);
                }
                i++;
                expectField = true;
            } else {
                if (!expectField) {
                    throw badPath(expr);
                }
                int s = i;
                while (i < n && expr.charAt(i) != '.' && expr.charAt(i) != '[') {
                    char d = expr.charAt(i);
                    if (d == ']' || d == '"' || Character.isWhitespace(d)) {
                        throw badPath(expr);
                    }
                    i++;
                }
                out.add(expr.substring(s, i));
                expectField = false;
            }
        }
        if (out.isEmpty() || expectField && !out.isEmpty() && expr.endsWith(".")) {
            throw badPath(expr);
        }
        return out.toArray();
    }

    private static StrataException badPath(String expr) {
        return StrataException.badRequest("cannot parse expression [" + expr + "]: syntax error");
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        if (line.length() == 0) {
            return true;
        }
        byte[] b = line.buffer();
        int start = line.offset();
        int end = start + line.length();
        byte first = b[start];
        if (first != '"' && first != '{' && first != '[') {
            labels.setError(JsonParserStage.JSON_PARSER_ERR, null);
            return true;
        }
        for (int k = 0; k < ids.length; k++) {
            String key = labels.parserName(ids[k]);
            try {
                int v = find(b, start, end, paths[k], 0);
                if (v < 0) {
                    continue;
                }
                labels.setParsed(key, render(b, v, end));
            } catch (SyntaxError e) {
                labels.setError(JsonParserStage.JSON_PARSER_ERR, e.getMessage());
            }
        }
        for (String id : ids) {
            if (labels.get(id) == null) {
                labels.setParsed(id, "");
            }
        }
        return true;
    }

    private static String render(byte[] b, int i, int end) throws SyntaxError {
        return switch (JsonScanner.valueType(b[i])) {
            case JsonScanner.NULL -> "";
            case JsonScanner.STRING -> {
                int e = JsonScanner.skipString(b, i, end);
                String s = JsonScanner.unescape(b, i + 1, e - 1);
                yield s == null ? "" : s;
            }
            case JsonScanner.OBJECT, JsonScanner.ARRAY -> {
                int e = JsonScanner.skipBlock(b, i, end);
                yield new String(b, i, e - i, StandardCharsets.UTF_8);
            }
            default -> {
                int e = JsonScanner.skipScalar(b, i, end);
                yield new String(b, i, e - i, StandardCharsets.UTF_8);
            }
        };
    }

    /** Position of the value at the path from the value at {@code i}, or -1 when absent. */
    private static int find(byte[] b, int i, int end, Object[] path, int depth) throws SyntaxError {
        i = JsonScanner.skipSpace(b, i, end);
        if (i >= end) {
            return -1;
        }
        if (depth == path.length) {
            return i;
        }
        Object seg = path[depth];
        if (seg instanceof String key) {
            if (b[i] != '{') {
                return -1;
            }
            i++;
            while (true) {
                i = JsonScanner.skipSpace(b, i, end);
                if (i >= end || b[i] == '}') {
                    return -1;
                }
                if (b[i] != '"') {
                    throw new SyntaxError(JsonScanner.MALFORMED_JSON);
                }
                int ke = JsonScanner.skipString(b, i, end);
                boolean match = keyEquals(b, i + 1, ke - 1, key);
                i = JsonScanner.skipSpace(b, ke, end);
                if (i >= end || b[i] != ':') {
                    throw new SyntaxError(JsonScanner.MALFORMED_JSON);
                }
                i = JsonScanner.skipSpace(b, i + 1, end);
                if (i >= end) {
                    return -1;
                }
                if (match) {
                    return find(b, i, end, path, depth + 1);
                }
                i = JsonScanner.skipSpace(b, JsonScanner.skipValue(b, i, end), end);
                if (i < end && b[i] == ',') {
                    i++;
                }
            }
        }
        int index = (Integer) seg;
        if (b[i] != '[') {
            return -1;
        }
        i++;
        for (int k = 0; ; k++) {
            i = JsonScanner.skipSpace(b, i, end);
            if (i >= end || b[i] == ']') {
                return -1;
            }
            if (k == index) {
                return find(b, i, end, path, depth + 1);
            }
            i = JsonScanner.skipSpace(b, JsonScanner.skipValue(b, i, end), end);
            if (i < end && b[i] == ',') {
                i++;
            }
        }
    }

    private static boolean keyEquals(byte[] b, int s, int e, String key) {
        for (int k = s; k < e; k++) {
            if (b[k] == '\\' || b[k] < 0) {
                String u = JsonScanner.unescape(b, s, e);
                return key.equals(u);
            }
        }
        if (e - s != key.length()) {
            return false;
        }
        for (int k = 0; k < key.length(); k++) {
            if (b[s + k] != key.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
