package io.strata.ruler;

import io.strata.model.Labels;

/**
 * One alert of an alerting rule, keyed by its label set. Mutable; owned by its
 * {@link AlertingRuleEvaluator} and only touched under that evaluator's lock. Times are Unix epoch
 * milliseconds, 0 = not set.
 */
final class ActiveAlert {
    Labels labels;
    Labels annotations;
    AlertState state;
    double value;
    long activeAt;
    long firedAt;
    long resolvedAt;
    long lastSentAt;
    long validUntil;
    long keepFiringSince;

    ActiveAlert(Labels labels, Labels annotations, AlertState state, double value, long activeAt) {
        this.labels = labels;
        this.annotations = annotations;
        this.state = state;
        this.value = value;
        this.activeAt = activeAt;
    }

    /** Prometheus' {@code needsSending}: never pending; resolved once right away; else every resend delay. */
    boolean needsSending(long ts, long resendDelayMillis) {
        if (state == AlertState.PENDING) {
            return false;
        }
        if (resolvedAt > lastSentAt) {
            return true;
        }
        return lastSentAt + resendDelayMillis <= ts;
    }

    /** A read-only copy for status pages. */
    AlertSnapshot snapshot() {
        return new AlertSnapshot(labels, annotations, state, activeAt, value);
    }
}
