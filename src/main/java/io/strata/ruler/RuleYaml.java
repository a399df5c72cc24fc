package io.strata.ruler;

import io.strata.config.PrometheusDuration;
import io.strata.model.Labels;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and writes rule groups in the Prometheus rule-file format. Reading works on SnakeYAML's
 * node tree so that scalars keep their exact text ({@code 0x10} stays a string) and errors carry
 * line numbers; aliases, nesting and size are bounded. Writing emits only the keys Grafana's strict
 * decoder knows, labels and annotations sorted by name (as Loki stores them).
 */
public final class RuleYaml {
    /** Largest body or file accepted, in bytes. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Set<String> GROUP_KEYS = Set.of("name", "interval", "limit", "rules");
    /** Keys Prometheus or Cortex define that Loki accepts and ignores. */
    private static final Set<String> IGNORED_GROUP_KEYS = Set.of("query_offset", "labels", "source_tenants",
            "evaluation_delay", "align_evaluation_time_on_interval");
    private static final Set<String> RULE_KEYS = Set.of("record", "alert", "expr", "for", "keep_firing_for",
            "labels", "annotations");

    private RuleYaml() {}

    /** One group, as POSTed to the ruler API. Unknown keys are ignored, as Loki's decoder does. */
    public static RuleGroup parseGroup(byte[] body) {
        Node root = compose(body);
        if (root == null) {
            return new RuleGroup("", Duration.ZERO, 0, List.of());
        }
        return group(root, false);
    }

    /** A namespace file ({@code groups: [...]}); strict: unknown keys are errors, as for Prometheus files. */
    public static List<RuleGroup> parseFile(byte[] content) {
        Node root = compose(content);
        if (root == null) {
            return List.of();
        }
        List<RuleGroup> groups = new ArrayList<>();
        for (NodeTuple t : mapping(root, "rule file")) {
            String key = scalar(t.getKeyNode());
            if (!key.equals("groups")) {
                throw error(t.getKeyNode(), "field " + key + " not found in type rulefmt.RuleGroups");
            }
            if (isNull(t.getValueNode())) {
                continue;
            }
            for (Node g : sequence(t.getValueNode(), "groups")) {
                groups.add(group(g, true));
            }
        }
        return groups;
    }

    private static Node compose(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new RuleFormatException("rule group larger than " + MAX_BYTES + " bytes");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(options).compose(new StringReader(new String(body, StandardCharsets.UTF_8)));
        } catch (YAMLException e) {
            throw new RuleFormatException("yaml: " + e.getMessage().replace('\n', ' '));
        }
    }

    private static RuleGroup group(Node node, boolean strict) {
        String name = "";
        Duration interval = Duration.ZERO;
        int limit = 0;
        List<Rule> rules = new ArrayList<>();
        for (NodeTuple t : mapping(node, "rule group")) {
            String key = scalar(t.getKeyNode());
            Node v = t.getValueNode();
            if (!GROUP_KEYS.contains(key)) {
                if (strict && !IGNORED_GROUP_KEYS.contains(key)) {
                    throw error(t.getKeyNode(), "field " + key + " not found in type rulefmt.RuleGroup");
                }
                continue;
            }
            if (isNull(v)) {
                continue;
            }
            switch (key) {
                case "name" -> name = scalar(v);
                case "interval" -> interval = duration(v);
                case "limit" -> limit = integer(v);
                case "rules" -> {
                    for (Node r : sequence(v, "rules")) {
                        rules.add(rule(r, strict));
                    }
                }
                default -> throw new IllegalStateException(key);
            }
        }
        return new RuleGroup(name, interval, limit, rules);
    }

    private static Rule rule(Node node, boolean strict) {
        String record = "";
        String alert = "";
        String expr = "";
        Duration forDuration = Duration.ZERO;
        Duration keepFiringFor = Duration.ZERO;
        Map<String, String> labels = Map.of();
        Map<String, String> annotations = Map.of();
        for (NodeTuple t : mapping(node, "rule")) {
            String key = scalar(t.getKeyNode());
            Node v = t.getValueNode();
            if (!RULE_KEYS.contains(key)) {
                if (strict) {
                    throw error(t.getKeyNode(), "field " + key + " not found in type rulefmt.Rule");
                }
                continue;
            }
            if (isNull(v)) {
                continue;
            }
            switch (key) {
                case "record" -> record = scalar(v);
                case "alert" -> alert = scalar(v);
                case "expr" -> expr = scalar(v);
                case "for" -> forDuration = duration(v);
                case "keep_firing_for" -> keepFiringFor = duration(v);
                case "labels" -> labels = stringMap(v);
                case "annotations" -> annotations = stringMap(v);
                default -> throw new IllegalStateException(key);
            }
        }
        return new Rule(record, alert, expr, forDuration, keepFiringFor, labels, annotations);
    }

    private static List<NodeTuple> mapping(Node node, String what) {
        if (node instanceof MappingNode m) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && !seen.add(k.getValue())) {
                    throw error(k, "mapping key \"" + k.getValue() + "\" already defined");
                }
            }
            return m.getValue();
        }
        throw error(node, "cannot unmarshal " + tagName(node) + " into " + what);
    }

    private static List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        throw error(node, "cannot unmarshal " + tagName(node) + " into " + what);
    }

    private static String scalar(Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(node, "cannot unmarshal " + tagName(node) + " into string");
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static Duration duration(Node node) {
        try {
            return PrometheusDuration.parse(scalar(node));
        } catch (IllegalArgumentException e) {
            if (e instanceof RuleFormatException rf) {
                throw rf;
            }
            throw error(node, e.getMessage());
        }
    }

    private static int integer(Node node) {
        String text = scalar(node);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(node, "cannot unmarshal !!str `" + text + "` into int");
        }
    }

    private static Map<String, String> stringMap(Node node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping(node, "map[string]string")) {
            Node v = t.getValueNode();
            out.put(scalar(t.getKeyNode()), isNull(v) ? "" : scalar(v));
        }
        return out;
    }

    private static String tagName(Node node) {
        return node instanceof MappingNode ? "!!map" : node instanceof SequenceNode ? "!!seq" : "!!" + node.getTag()
                .getValue().substring(node.getTag().getValue().lastIndexOf(':') + 1);
    }

    private static RuleFormatException error(Node node, String message) {
        int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        return new RuleFormatException("line " + line + ": " + message);
    }

    // ---------------------------------------------------------------- writing

    /** One group ({@code GET {prefix}/{ns}/{group}}). */
    public static String writeGroup(RuleGroup group) {
        StringBuilder sb = new StringBuilder(256);
        writeGroupBody(sb, group, "");
        return sb.toString();
    }

    /** The namespace map ({@code GET {prefix}} and {@code GET {prefix}/{ns}}), namespaces sorted. */
    public static String writeNamespaces(Map<String, List<RuleGroup>> namespaces) {
        StringBuilder sb = new StringBuilder(512);
        for (Map.Entry<String, List<RuleGroup>> e : new TreeMap<>(namespaces).entrySet()) {
            sb.append(quoteIfNeeded(e.getKey())).append(":\n");
            writeGroupList(sb, e.getValue(), "    ");
        }
        return sb.toString();
    }

    /** A namespace file as the rule store keeps it ({@code groups:} list). */
    public static String writeFile(List<RuleGroup> groups) {
        StringBuilder sb = new StringBuilder(512).append("groups:\n");
        writeGroupList(sb, groups, "    ");
        return sb.toString();
    }

    private static void writeGroupList(StringBuilder sb, List<RuleGroup> groups, String indent) {
        for (RuleGroup g : groups) {
            sb.append(indent).append("- ");
            writeGroupBody(sb, g, indent + "  ");
        }
    }

    /** Writes the group's keys; the first line continues the current one. */
    private static void writeGroupBody(StringBuilder sb, RuleGroup g, String indent) {
        sb.append("name: ").append(quoteIfNeeded(g.name())).append('\n');
        if (!g.interval().isZero()) {
            sb.append(indent).append("interval: ").append(PrometheusDuration.formatPrometheus(g.interval())).append('\n');
        }
        if (g.limit() != 0) {
            sb.append(indent).append("limit: ").append(g.limit()).append('\n');
        }
        sb.append(indent).append("rules:");
        if (g.rules().isEmpty()) {
            sb.append(" []\n");
            return;
        }
        sb.append('\n');
        String ruleIndent = indent + "      ";
        for (Rule r : g.rules()) {
            sb.append(indent).append("    - ");
            sb.append(r.isAlerting() ? "alert: " : "record: ").append(quoteIfNeeded(r.name())).append('\n');
            sb.append(ruleIndent).append("expr: ").append(quoteIfNeeded(r.expr())).append('\n');
            if (!r.forDuration().isZero()) {
                sb.append(ruleIndent).append("for: ").append(PrometheusDuration.formatPrometheus(r.forDuration())).append('\n');
            }
            if (!r.keepFiringFor().isZero()) {
                sb.append(ruleIndent).append("keep_firing_for: ").append(PrometheusDuration.formatPrometheus(r.keepFiringFor()))
                        .append('\n');
            }
            writeMap(sb, "labels", r.labels(), ruleIndent);
            writeMap(sb, "annotations", r.annotations(), ruleIndent);
        }
    }

    private static void writeMap(StringBuilder sb, String key, Map<String, String> map, String indent) {
        if (map.isEmpty()) {
            return;
        }
        sb.append(indent).append(key).append(":\n");
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            sb.append(indent).append("    ").append(quoteIfNeeded(e.getKey())).append(": ")
                    .append(quoteIfNeeded(e.getValue())).append('\n');
        }
    }

    /** A plain scalar when it reads back as the same string, else a double-quoted one. */
    static String quoteIfNeeded(String s) {
        return isPlainSafe(s) ? s : doubleQuoted(s);
    }

    private static boolean isPlainSafe(String s) {
        if (s.isEmpty() || s.length() > 4096) {
            return false;
        }
        char first = s.charAt(0);
        if ("-?:,[]{}#&*!|>'\"%@` .+0123456789~".indexOf(first) >= 0 || s.charAt(s.length() - 1) == ' '
                || s.endsWith(":") || s.contains(": ") || s.contains(" #")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                return false;
            }
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        return !Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n").contains(lower);
    }

    private static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        Labels.appendQuoted(sb, s, Labels.Quoting.YAML);
        return sb.toString();
    }
}
