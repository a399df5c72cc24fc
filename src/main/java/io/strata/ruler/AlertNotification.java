package io.strata.ruler;

import io.strata.model.Labels;

/**
 * One alert as posted to Alertmanager (API v2): {@code startsAt} is when it started firing,
 * {@code endsAt} the resolve time or, while firing, how long Alertmanager should keep it without
 * news. Times in epoch milliseconds.
 */
public record AlertNotification(Labels labels, Labels annotations, long startsAt, long endsAt, String generatorUrl) {}
