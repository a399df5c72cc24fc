package io.strata.bench;

import java.util.SplittableRandom;

/**
 * Deterministic, realistic log lines for benchmarks: logfmt application logs, JSON service logs
 * and nginx access logs, with a rare needle ({@code needle-7f3a9}) in about one line per million.
 */
public final class LogLineGenerator {
    public static final String NEEDLE = "needle-7f3a9";
    private static final String[] APPS = {"api", "web", "checkout", "payments", "search", "auth"};
    private static final String[] ENVS = {"prod", "staging"};
    private static final String[] LEVELS = {"info", "info", "info", "info", "debug", "debug", "warn", "error"};
    private static final String[] PATHS = {"/api/v1/users", "/api/v1/orders", "/health", "/api/v1/cart",
        "/static/app.js", "/api/v1/search", "/login", "/api/v2/payments/authorize"};
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final int[] STATUSES = {200, 200, 200, 200, 201, 204, 301, 400, 404, 500, 503};
    private static final String[] MSGS = {"request completed", "cache miss", "db query", "user logged in",
        "upstream timeout", "retrying request", "connection reset by peer", "payment authorized"};

    private final SplittableRandom random;

    public LogLineGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Number of distinct streams {@link #streamLabels(int)} can give. */
    public static int streamCount() {
        return APPS.length * ENVS.length * 5;
    }

    /** Label text of stream {@code i}, e.g. {@code {app="api", env="prod", format="logfmt", pod="api-3"}}. */
    public static String streamLabels(int i) {
        String app = APPS[i % APPS.length];
        String env = ENVS[(i / APPS.length) % ENVS.length];
        int pod = i / (APPS.length * ENVS.length);
        return "{app=\"" + app + "\", env=\"" + env + "\", format=\"" + format(i) + "\", pod=\"" + app + "-" + pod + "\"}";
    }

    static String format(int stream) {
        return switch (stream % 3) {
            case 0 -> "logfmt";
            case 1 -> "json";
            default -> "nginx";
        };
    }

    /** One line in the format of the stream. */
    public String line(int stream, long timestampNanos) {
        if (random.nextInt(1_000_000) == 0) {
            return "level=error msg=\"found " + NEEDLE + " in payload\" trace_id=" + Long.toHexString(random.nextLong());
        }
        String level = LEVELS[random.nextInt(LEVELS.length)];
        int status = STATUSES[random.nextInt(STATUSES.length)];
        String path = PATHS[random.nextInt(PATHS.length)];
        String method = METHODS[random.nextInt(METHODS.length)];
        int durationMs = 1 + random.nextInt(random.nextInt(20) == 0 ? 5000 : 300);
        String trace = Long.toHexString(random.nextLong());
        return switch (stream % 3) {
            case 0 -> "ts=" + timestampNanos / 1_000_000 + " level=" + level + " caller=handler.go:" + (10 + random.nextInt(400))
                    + " method=" + method + " path=" + path + " status=" + status + " duration=" + durationMs
                    + "ms bytes=" + random.nextInt(100_000) + " trace_id=" + trace + " msg=\"" + MSGS[random.nextInt(MSGS.length)] + "\"";
            case 1 -> "{\"level\":\"" + level + "\",\"ts\":" + timestampNanos / 1_000_000 + ",\"method\":\"" + method
                    + "\",\"path\":\"" + path + "\",\"status\":" + status + ",\"latency_ms\":" + durationMs
                    + ",\"user\":{\"id\":" + random.nextInt(50_000) + ",\"plan\":\"" + (random.nextBoolean() ? "free" : "pro")
                    + "\"},\"trace_id\":\"" + trace + "\",\"msg\":\"" + MSGS[random.nextInt(MSGS.length)] + "\"}";
            default -> "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256)
                    + " - - [21/Nov/2026:10:00:00 +0000] \"" + method + " " + path + "?id=" + random.nextInt(10_000)
                    + " HTTP/1.1\" " + status + " " + random.nextInt(50_000) + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\" "
                    + durationMs / 1000.0;
        };
    }
}
