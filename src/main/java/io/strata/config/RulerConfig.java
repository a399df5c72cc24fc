package io.strata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ruler's settings, prefix {@code strata.ruler} ({@code STRATA_RULER_*}), named after Loki's
 * {@code ruler} block. Durations are Prometheus forms ({@code 1m}, {@code 30s}). The wiring turns
 * this into the ruler's plain {@code RulerOptions}.
 */
@ConfigMapping(prefix = "strata.ruler")
public interface RulerConfig {
    /** Rule files, {@code <dir>/<tenant>/<namespace>.yaml} ({@code STRATA_RULER_DIR}); API writes land here too. */
    @WithDefault("./ruler")
    Path dir();

    /** Alertmanager base URLs, comma-separated; alerts go to {@code <url>/api/v2/alerts} ({@code STRATA_RULER_ALERTMANAGER_URL}). */
    Optional<String> alertmanagerUrl();

    /** Base of the alerts' {@code generatorURL}: Grafana's URL (Loki {@code ruler.external_url}). */
    Optional<String> externalUrl();

    /** Grafana data source uid put in the Explore link of {@code generatorURL} (Loki {@code ruler.datasource_uid}). */
    Optional<String> datasourceUid();

    /** Labels added to every alert and recorded series: {@code k1=v1,k2=v2}. */
    Optional<String> externalLabels();

    /** Default group interval (Loki {@code evaluation_interval}). */
    @WithDefault("1m")
    String evaluationInterval();

    /** How often rule files are re-read to pick up edits made outside the API. */
    @WithDefault("10s")
    String pollInterval();

    /** Prometheus remote-write URL for recording-rule series (Loki {@code ruler.remote_write.client.url}). */
    Optional<String> remoteWriteUrl();

    /** Where pending/firing alert state is kept across restarts; default {@code <data-dir>/ruler}. */
    Optional<Path> stateDir();

    /**
     * Timeout of one rule's query; {@code 0} = the tenant's {@code query_timeout}. A rule that times
     * out gets {@code health=err} and delays only its own group.
     */
    @WithDefault("0")
    String queryTimeout();
}
