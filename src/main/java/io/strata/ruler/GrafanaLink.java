package io.strata.ruler;

import io.strata.model.Labels;
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
        Labels.appendQuoted(json, expr, Labels.Quoting.JSON_HTML_SAFE);
        json.append(",\"queryType\":\"range\"");
        if (!datasourceUid.isEmpty()) {
            json.append(",\"datasource\":{\"type\":\"loki\",\"uid\":");
            Labels.appendQuoted(json, datasourceUid, Labels.Quoting.JSON_HTML_SAFE);
            json.append('}');
        }
        json.append("}]}");
        return externalUrl + "/explore?left=" + queryEscape(json.toString());
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
