package io.strata.api;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Requests the way Grafana's Loki data source sends them (API.md §6), for the Grafana feature tests. */
final class GrafanaRequests {
    static final String CATEGORIZE = "categorize-labels";

    private GrafanaRequests() {}

    /** A data-source request: tenant header, categorize-labels flag, optional X-Query-Tags source. */
    static RequestSpecification data(String tenant, String source) {
        RequestSpecification r = given().header("X-Scope-OrgID", tenant)
                .header("X-Loki-Response-Encoding-Flags", CATEGORIZE);
        return source == null ? r : r.header("X-Query-Tags", "Source=" + source);
    }

    static ValidatableResponse get(RequestSpecification spec, String path, String... params) {
        for (int i = 0; i < params.length; i += 2) {
            spec = spec.queryParam(params[i], params[i + 1]);
        }
        return spec.get(path).then();
    }

    /** Minute-aligned "ten minutes ago" in nanoseconds, so test data sits inside the default windows. */
    static long baseNanos() {
        long minute = 60_000_000_000L;
        return Math.floorDiv(System.currentTimeMillis() * 1_000_000L - 10 * minute, minute) * minute;
    }

    static String entry(long ts, String line) {
        return "[\"" + ts + "\"," + quote(line) + "]";
    }

    static String entry(long ts, String line, String metadataJson) {
        return "[\"" + ts + "\"," + quote(line) + "," + metadataJson + "]";
    }

    static String quote(String s) {
        return quoteJson(s);
    }

    /** A JSON string literal (control characters escaped). */
    static String quoteJson(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
