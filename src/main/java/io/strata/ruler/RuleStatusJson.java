package io.strata.ruler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.strata.logql.log.GoFloats;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Prometheus-compatible JSON of {@code GET /prometheus/api/v1/rules} and {@code /alerts} in
 * Loki's shape (key order, {@code errorType}/{@code error} always present, RFC3339Nano times with
 * {@code 0001-01-01T00:00:00Z} before the first evaluation, float seconds, alert values in Go's
 * {@code %e}). Groups come sorted by namespace; a group with no rule left after filtering is omitted.
 */
public final class RuleStatusJson {
    private static final JsonFactory JSON = new JsonFactory();

    private RuleStatusJson() {}

    /** Filters of the rules endpoint; empty lists = no filter; {@code type} null, "alert" or "record". */
    public record Filter(String type, List<String> files, List<String> groups, List<String> ruleNames) {
        public Filter {
            files = List.copyOf(files == null ? List.of() : files);
            groups = List.copyOf(groups == null ? List.of() : groups);
            ruleNames = List.copyOf(ruleNames == null ? List.of() : ruleNames);
        }

        public static final Filter NONE = new Filter(null, List.of(), List.of(), List.of());

        /** From the query parameters; {@code type} other than alert/record → 400 {@code not supported value "x"}. */
        public static Filter of(String type, List<String> files, List<String> groups, List<String> ruleNames) {
            String t = type == null || type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
            if (t != null && !t.equals("alert") && !t.equals("record")) {
                throw new StrataException(ErrorCategory.BAD_REQUEST, "not supported value \"" + t + "\"");
            }
            return new Filter(t, files, groups, ruleNames);
        }

        boolean keeps(GroupEvaluator.RuleStatus r) {
            if (type != null && r.rule().isAlerting() != type.equals("alert")) {
                return false;
            }
            return ruleNames.isEmpty() || ruleNames.contains(r.rule().name());
        }
    }

    public static byte[] rules(List<GroupEvaluator> groups, Filter filter, Duration defaultInterval) {
        return write(g -> {
            g.writeObjectFieldStart("data");
            g.writeArrayFieldStart("groups");
            for (GroupEvaluator ev : groups) {
                if ((!filter.files().isEmpty() && !filter.files().contains(ev.namespace()))
                        || (!filter.groups().isEmpty() && !filter.groups().contains(ev.group().name()))) {
                    continue;
                }
                List<GroupEvaluator.RuleStatus> rules = ev.ruleStatuses().stream().filter(filter::keeps).toList();
                if (rules.isEmpty()) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("name", ev.group().name());
                g.writeStringField("file", ev.namespace());
                g.writeArrayFieldStart("rules");
                for (GroupEvaluator.RuleStatus r : rules) {
                    writeRule(g, r);
                }
                g.writeEndArray();
                g.writeFieldName("interval");
                g.writeNumber(goFloat(ev.group().effectiveInterval(defaultInterval).toMillis() / 1000.0));
                g.writeNumberField("limit", ev.group().limit());
                g.writeStringField("lastEvaluation", rfc3339Nano(ev.lastEvaluation()));
                g.writeFieldName("evaluationTime");
                g.writeNumber(goFloat(ev.evaluationSeconds()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public static byte[] alerts(List<GroupEvaluator> groups) {
        return write(g -> {
            g.writeObjectFieldStart("data");
            g.writeArrayFieldStart("alerts");
            for (GroupEvaluator ev : groups) {
                for (GroupEvaluator.RuleStatus r : ev.ruleStatuses()) {
                    for (AlertSnapshot a : r.alerts()) {
                        writeAlert(g, a);
                    }
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"status":"error","data":null,"errorType":"bad_data","error":"..."}} for a failed request. */
    public static byte[] error(StrataException e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", "error");
            g.writeNullField("data");
            g.writeStringField("errorType", e.category().httpStatus() < 500 ? "bad_data" : "server_error");
            g.writeStringField("error", e.getMessage());
            g.writeEndObject();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
    }

    private static void writeRule(JsonGenerator g, GroupEvaluator.RuleStatus r) throws IOException {
        Rule rule = r.rule();
        RuleHealth h = r.health();
        g.writeStartObject();
        if (rule.isAlerting()) {
            g.writeStringField("state", r.state().apiName());
            g.writeStringField("name", rule.alert());
            g.writeStringField("query", r.query());
            g.writeFieldName("duration");
            g.writeNumber(goFloat(rule.forDuration().toMillis() / 1000.0));
            writeMap(g, "labels", rule.labels());
            writeMap(g, "annotations", rule.annotations());
            g.writeArrayFieldStart("alerts");
            for (AlertSnapshot a : r.alerts()) {
                writeAlert(g, a);
            }
            g.writeEndArray();
        } else {
            g.writeStringField("name", rule.record());
            g.writeStringField("query", r.query());
            writeMap(g, "labels", rule.labels());
        }
        g.writeStringField("health", h.health());
        g.writeStringField("lastError", h.lastError());
        g.writeStringField("type", rule.isAlerting() ? "alerting" : "recording");
        g.writeStringField("lastEvaluation", rfc3339Nano(h.lastEvaluation()));
        g.writeFieldName("evaluationTime");
        g.writeNumber(goFloat(h.evaluationSeconds()));
        g.writeEndObject();
    }

    private static void writeAlert(JsonGenerator g, AlertSnapshot a) throws IOException {
        g.writeStartObject();
        writeLabels(g, "labels", a.labels());
        writeLabels(g, "annotations", a.annotations());
        g.writeStringField("state", a.state().apiName());
        g.writeStringField("activeAt", rfc3339Nano(a.activeAt()));
        g.writeStringField("value", GoFloats.shortestE(a.value()));
        g.writeEndObject();
    }

    private static void writeMap(JsonGenerator g, String field, Map<String, String> map) throws IOException {
        writeLabels(g, field, Labels.fromMap(map));
    }

    private static void writeLabels(JsonGenerator g, String field, Labels labels) throws IOException {
        g.writeObjectFieldStart(field);
        for (int i = 0; i < labels.size(); i++) {
            g.writeStringField(labels.name(i), labels.value(i));
        }
        g.writeEndObject();
    }

    /** Go's {@code time.Time} JSON (RFC3339Nano) of epoch ms; 0 → Go's zero time. */
    static String rfc3339Nano(long epochMillis) {
        if (epochMillis == 0) {
            return "0001-01-01T00:00:00Z";
        }
        String s = Instant.ofEpochMilli(epochMillis).toString(); // ISO, fraction in groups of 3 digits
        return s.contains(".") ? s.replaceFirst("\\.?0*Z$", "Z") : s;
    }

    /** Go's {@code encoding/json} float: integers without {@code .0}, exponent form below 1e-6 or from 1e21. */
    static String goFloat(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -6 || exp >= 21) {
            return GoFloats.shortestE(v).replaceFirst("e([-+])0(\\d)$", "e$1$2");
        }
        return d.toPlainString();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", "success");
            body.write(g);
            g.writeStringField("errorType", "");
            g.writeStringField("error", "");
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
