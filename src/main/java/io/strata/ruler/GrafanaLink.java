package io.strata.ruler;

import java.nio.charset.StandardCharsets;

/**
 * The {@code generatorURL} Loki puts on alerts: {@code <external_url>/explore?left=<url-encoded
 * {"queries":[{"expr":...,"queryType":"range","datasource":{"type":"loki","uid":...}}]}>}, with Go's
 * JSON string escaping and {@code url.Values.Encode} (query escaping) so the link is byte-identical.
 */
final class GrafanaLink {
    private GrafanaLink() {}

    static String forExpression(String externalUrl, String expr, String datasourceUid) {
        StringBuilder json = new StringBuilder("{\"queries\":[{\"expr\":");
        goJsonString(json, expr);
        json.append(",\"queryType\":\"range\"");
        if (!datasourceUid.isEmpty()) {
            json.append(",\"datasource\":{\"type\":\"loki\",\"uid\":");
            goJsonString(json, datasourceUid);
            json.append('}');
        }
        json.append("}]}");
        return externalUrl + "/explore?left=" + queryEscape(json.toString());
    }

    /** Go's {@code json.Marshal} of a string (HTML-safe: {@code <>&} and U+2028/9 escaped). */
    static void goJsonString(StringBuilder sb, String s) {
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
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Go's {@code url.QueryEscape}: unreserved bytes kept, space as {@code +}, others {@code %XX}. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
