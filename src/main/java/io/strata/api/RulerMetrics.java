package io.strata.api;

import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.strata.ruler.RulerCounters;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exports the ruler's plain {@link RulerCounters} on {@code /metrics} under the names Loki's ruler
 * (Prometheus rules manager and notifier, prefixed {@code loki_}) uses, read at scrape time.
 */
final class RulerMetrics extends Collector {
    private final RulerCounters c;

    RulerMetrics(RulerCounters counters) {
        this.c = counters;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        return List.of(
                counter("loki_prometheus_rule_evaluations_total", "The total number of rule evaluations.", c.evaluations),
                counter("loki_prometheus_rule_evaluation_failures_total", "The total number of rule evaluation failures.",
                        c.evaluationFailures),
                counter("loki_prometheus_rule_group_iterations_missed_total",
                        "The total number of rule group evaluations missed due to slow rule group evaluation.",
                        c.iterationsMissed),
                counter("loki_prometheus_notifications_sent_total", "Total number of alerts sent.", c.notificationsSent),
                counter("loki_prometheus_notifications_errors_total", "Total number of errors sending alert notifications.",
                        c.notificationErrors),
                counter("loki_prometheus_notifications_dropped_total",
                        "Total number of alerts dropped due to errors when sending to Alertmanager.",
                        c.notificationsDropped),
                counter("strata_ruler_remote_write_samples_sent_total",
                        "Recording-rule samples delivered through remote write.", c.samplesSent),
                counter("strata_ruler_remote_write_errors_total", "Failed remote-write requests.", c.sampleErrors),
                counter("strata_ruler_remote_write_samples_dropped_total",
                        "Recording-rule samples dropped (queue full or attempts exhausted).", c.samplesDropped),
                counter("strata_ruler_state_save_failures_total", "Failed saves of alert state.", c.stateSaveFailures));
    }

    private static MetricFamilySamples counter(String name, String help, AtomicLong value) {
        // simpleclient appends _total itself
        return new CounterMetricFamily(name.substring(0, name.length() - "_total".length()), help, value.get());
    }
}
