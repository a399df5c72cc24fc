package io.strata.ruler;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ruler-wide settings (plain record for the core; the {@code config} package maps
 * {@code strata.ruler.*} / {@code STRATA_RULER_*} onto it).
 *
 * @param evaluationInterval default group interval (Loki {@code evaluation_interval}, 1m)
 * @param pollInterval how often rule files are re-read to pick up edits made outside the API
 * @param resendDelay firing and resolved alerts are re-sent this often (Prometheus {@code resend_delay}, 1m)
 * @param resolvedRetention resolved alerts are re-sent this long, then forgotten (15m)
 * @param forOutageTolerance saved alert state older than this is not restored (1h)
 * @param externalUrl base of {@code generatorURL} (Grafana's URL; Loki {@code ruler.external_url})
 * @param datasourceUid Grafana data source uid put in the Explore link, or empty
 * @param externalLabels added to every alert and recorded series ({@code $externalLabels})
 * @param alertmanagerUrls default Alertmanager base URLs ({@code STRATA_RULER_ALERTMANAGER_URL}, comma list)
 * @param remoteWriteUrl default Prometheus remote-write URL for recording rules, or null
 * @param stateDir where pending/firing state is saved per tenant, or null for none
 * @param queueCapacity bounded size of the notification and remote-write queues (items)
 * @param httpTimeout timeout of one post to Alertmanager or remote write
 * @param maxAttempts attempts per batch before it is dropped and counted
 * @param initialBackoff first retry delay, doubled per attempt up to {@code maxBackoff}
 */
public record RulerOptions(
        Duration evaluationInterval,
        Duration pollInterval,
        Duration resendDelay,
        Duration resolvedRetention,
        Duration forOutageTolerance,
        String externalUrl,
        String datasourceUid,
        Map<String, String> externalLabels,
        List<URI> alertmanagerUrls,
        URI remoteWriteUrl,
        Path stateDir,
        int queueCapacity,
        Duration httpTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff) {

    public RulerOptions {
        externalUrl = externalUrl == null ? "" : externalUrl;
        datasourceUid = datasourceUid == null ? "" : datasourceUid;
        externalLabels = Map.copyOf(new TreeMap<>(externalLabels == null ? Map.of() : externalLabels));
        alertmanagerUrls = List.copyOf(alertmanagerUrls == null ? List.of() : alertmanagerUrls);
    }

    /** Loki's defaults, no Alertmanager, no remote write, no saved state. */
    public static RulerOptions defaults() {
        return new RulerOptions(Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofMinutes(15), Duration.ofHours(1), "", "", Map.of(), List.of(), null, null, 10_000,
                Duration.ofSeconds(10), 3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** Parses {@code STRATA_RULER_ALERTMANAGER_URL}: comma-separated base URLs, blanks ignored. */
    public static List<URI> parseUrls(String commaSeparated) {
        List<URI> out = new ArrayList<>();
        if (commaSeparated != null) {
            for (String s : commaSeparated.split(",")) {
                if (!s.isBlank()) {
                    out.add(URI.create(s.strip()));
                }
            }
        }
        return out;
    }

    public RulerOptions withAlertmanagerUrls(List<URI> urls) {
        return new RulerOptions(evaluationInterval, pollInterval, resendDelay, resolvedRetention, forOutageTolerance,
                externalUrl, datasourceUid, externalLabels, urls, remoteWriteUrl, stateDir, queueCapacity, httpTimeout,
                maxAttempts, initialBackoff, maxBackoff);
    }

    public RulerOptions withRemoteWriteUrl(URI url) {
        return new RulerOptions(evaluationInterval, pollInterval, resendDelay, resolvedRetention, forOutageTolerance,
                externalUrl, datasourceUid, externalLabels, alertmanagerUrls, url, stateDir, queueCapacity, httpTimeout,
                maxAttempts, initialBackoff, maxBackoff);
    }

    public RulerOptions withStateDir(Path dir) {
        return new RulerOptions(evaluationInterval, pollInterval, resendDelay, resolvedRetention, forOutageTolerance,
                externalUrl, datasourceUid, externalLabels, alertmanagerUrls, remoteWriteUrl, dir, queueCapacity,
                httpTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public RulerOptions withRetries(int attempts, Duration initial, Duration max, int capacity) {
        return new RulerOptions(evaluationInterval, pollInterval, resendDelay, resolvedRetention, forOutageTolerance,
                externalUrl, datasourceUid, externalLabels, alertmanagerUrls, remoteWriteUrl, stateDir, capacity,
                httpTimeout, attempts, initial, max);
    }

    public RulerOptions withExternal(String url, String uid, Map<String, String> labels) {
        return new RulerOptions(evaluationInterval, pollInterval, resendDelay, resolvedRetention, forOutageTolerance,
                url, uid, labels, alertmanagerUrls, remoteWriteUrl, stateDir, queueCapacity, httpTimeout, maxAttempts,
                initialBackoff, maxBackoff);
    }
}
