package io.strata.ruler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.strata.model.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Saves pending, firing and recently resolved alerts per tenant in {@code <dir>/<tenant>.json}
 * (temp file + rename), so a restart neither re-waits {@code for} windows nor forgets firing
 * alerts. State older than the outage tolerance is not restored, as Prometheus'
 * {@code for_outage_tolerance}. Layout:
 * {@code {"savedAt":ms,"groups":{"<ns>/<group>":{"<rule key>":[{alert}...]}}}}.
 */
public final class AlertStateFile {
    private static final Logger LOG = Logger.getLogger(AlertStateFile.class.getName());
    private static final JsonFactory JSON = new JsonFactory();

    private final Path dir;

    public AlertStateFile(Path dir) {
        this.dir = dir;
    }

    void save(String tenant, Map<String, Map<String, List<ActiveAlert>>> groups, long now) {
        if (!RuleNames.isSafeTenant(tenant)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            AtomicFileWriter.replace(dir.resolve(tenant + ".json"), ".json", false, out -> {
                try (JsonGenerator g = JSON.createGenerator(out)) {
                    write(g, groups, now);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The saved state, or empty when missing, unreadable or older than {@code toleranceMillis}. */
    Map<String, Map<String, List<ActiveAlert>>> load(String tenant, long now, long toleranceMillis) {
        Path file = dir.resolve(tenant + ".json");
        if (!RuleNames.isSafeTenant(tenant) || !Files.isRegularFile(file)) {
            return Map.of();
        }
        try (JsonParser p = JSON.createParser(file.toFile())) {
            long savedAt = 0;
            Map<String, Map<String, List<ActiveAlert>>> groups = new HashMap<>();
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (f.equals("savedAt")) {
                    savedAt = p.getLongValue();
                } else if (f.equals("groups")) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String group = p.currentName();
                        p.nextToken();
                        Map<String, List<ActiveAlert>> rules = new HashMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String rule = p.currentName();
                            expect(p.nextToken(), JsonToken.START_ARRAY);
                            List<ActiveAlert> alerts = new ArrayList<>();
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                alerts.add(readAlert(p));
                            }
                            rules.put(rule, alerts);
                        }
                        groups.put(group, rules);
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (now - savedAt > toleranceMillis) {
                LOG.log(Level.INFO, "alert state of tenant {0} is older than the outage tolerance; not restored",
                        tenant);
                return Map.of();
            }
            return groups;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read alert state " + file + "; starting without it", e);
            return Map.of();
        }
    }

    private static void write(JsonGenerator g, Map<String, Map<String, List<ActiveAlert>>> groups, long now)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("savedAt", now);
        g.writeObjectFieldStart("groups");
        for (var group : groups.entrySet()) {
            g.writeObjectFieldStart(group.getKey());
            for (var rule : group.getValue().entrySet()) {
                g.writeArrayFieldStart(rule.getKey());
                for (ActiveAlert a : rule.getValue()) {
                    g.writeStartObject();
                    writeLabels(g, "labels", a.labels);
                    writeLabels(g, "annotations", a.annotations);
                    g.writeStringField("state", a.state.name());
                    g.writeFieldName("value");
                    if (Double.isFinite(a.value)) {
                        g.writeNumber(a.value);
                    } else {
                        g.writeString(Double.toString(a.value));
                    }
                    g.writeNumberField("activeAt", a.activeAt);
                    g.writeNumberField("firedAt", a.firedAt);
                    g.writeNumberField("resolvedAt", a.resolvedAt);
                    g.writeNumberField("lastSentAt", a.lastSentAt);
                    g.writeNumberField("validUntil", a.validUntil);
                    g.writeNumberField("keepFiringSince", a.keepFiringSince);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeLabels(JsonGenerator g, String name, Labels labels) throws IOException {
        g.writeObjectFieldStart(name);
        for (int i = 0; i < labels.size(); i++) {
            g.writeStringField(labels.name(i), labels.value(i));
        }
        g.writeEndObject();
    }

    private static ActiveAlert readAlert(JsonParser p) throws IOException {
        ActiveAlert a = new ActiveAlert(Labels.EMPTY, Labels.EMPTY, AlertState.PENDING, 0, 0);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "labels" -> a.labels = readLabels(p);
                case "annotations" -> a.annotations = readLabels(p);
                case "state" -> a.state = AlertState.valueOf(p.getText());
                case "value" -> a.value = t == JsonToken.VALUE_STRING ? Double.parseDouble(p.getText())
                        : p.getDoubleValue();
                case "activeAt" -> a.activeAt = p.getLongValue();
                case "firedAt" -> a.firedAt = p.getLongValue();
                case "resolvedAt" -> a.resolvedAt = p.getLongValue();
                case "lastSentAt" -> a.lastSentAt = p.getLongValue();
                case "validUntil" -> a.validUntil = p.getLongValue();
                case "keepFiringSince" -> a.keepFiringSince = p.getLongValue();
                default -> p.skipChildren();
            }
        }
        return a;
    }

    private static Labels readLabels(JsonParser p) throws IOException {
        Labels.Builder b = Labels.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            b.set(name, p.getText());
        }
        return b.build();
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("expected " + wanted + ", found " + actual);
        }
    }
}
