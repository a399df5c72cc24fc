package io.strata.ruler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hand-written fakes for the alert and sample sinks. */
final class RecordingSinks implements AlertSender, SampleWriter {
    record Sent(String tenant, AlertNotification alert) {}

    record Written(String tenant, RecordedSample sample) {}

    final List<Sent> alerts = new CopyOnWriteArrayList<>();
    final List<Written> samples = new CopyOnWriteArrayList<>();

    @Override
    public void send(String tenant, List<AlertNotification> batch) {
        batch.forEach(a -> alerts.add(new Sent(tenant, a)));
    }

    @Override
    public void write(String tenant, List<RecordedSample> batch) {
        batch.forEach(s -> samples.add(new Written(tenant, s)));
    }

    List<AlertNotification> alertsNamed(String name) {
        return alerts.stream().map(Sent::alert).filter(a -> name.equals(a.labels().get("alertname"))).toList();
    }

    void clear() {
        alerts.clear();
        samples.clear();
    }
}
