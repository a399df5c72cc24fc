package io.strata.ruler;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The ruler's counters, plain so the core stays free of a metrics library; the wiring exports
 * them under Loki's / Prometheus' names: {@code loki_prometheus_rule_evaluations_total},
 * {@code loki_prometheus_rule_evaluation_failures_total},
 * {@code loki_prometheus_rule_group_iterations_missed_total},
 * {@code loki_prometheus_notifications_sent_total}, {@code loki_prometheus_notifications_errors_total},
 * {@code loki_prometheus_notifications_dropped_total}, and for remote write
 * {@code loki_ruler_remote_write_samples_total} / {@code ..._failed_total} / {@code ..._dropped_total}.
 */
public final class RulerCounters {
    public final AtomicLong evaluations = new AtomicLong();
    public final AtomicLong evaluationFailures = new AtomicLong();
    public final AtomicLong iterationsMissed = new AtomicLong();
    public final AtomicLong notificationsSent = new AtomicLong();
    public final AtomicLong notificationErrors = new AtomicLong();
    public final AtomicLong notificationsDropped = new AtomicLong();
    public final AtomicLong samplesSent = new AtomicLong();
    public final AtomicLong sampleErrors = new AtomicLong();
    public final AtomicLong samplesDropped = new AtomicLong();
    public final AtomicLong stateSaveFailures = new AtomicLong();
}
