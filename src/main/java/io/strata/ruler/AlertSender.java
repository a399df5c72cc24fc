package io.strata.ruler;

import java.util.List;

/** Where due alerts go (the Alertmanager notifier, or a recording fake in tests). Must not block for long. */
@FunctionalInterface
public interface AlertSender {
    AlertSender NONE = (tenant, alerts) -> {};

    void send(String tenant, List<AlertNotification> alerts);
}
