package io.strata.tenant.overrides;

import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.tenant.access.AccessPolicy;
import io.strata.tenant.auth.BasicUser;
import io.strata.tenant.auth.Scope;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses one {@code tenants/<tenant>.yaml} strictly. The YAML is only composed into a node tree
 * (no object construction, so no custom tags run); scalars keep their raw text. Rejected: unknown
 * keys at any level we own, duplicate keys, unknown limit names, null values, usernames that are
 * empty, contain {@code :} or control characters, or repeat; passwords that are not bcrypt hashes
 * or cost more than {@value #MAX_COST}; unknown scopes; LBAC selectors that do not parse; more than
 * {@value #MAX_ALIASES} aliases (billion laughs). Stateless.
 */
public final class TenantFileParser {
    public static final int MAX_COST = 16;
    static final int MAX_ALIASES = 20;
    static final int MAX_FILE_CHARS = 1 << 20;
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}$");
    private static final Set<String> TOP_KEYS = Set.of("limits", "users");
    private static final Set<String> USER_KEYS = Set.of("username", "password", "scopes", "lbac");

    private TenantFileParser() {}

    /** @throws TenantFileException with the reason (never a password or hash) */
    public static TenantFile parse(String tenant, String yamlText, String contentHash) throws TenantFileException {
        Node root;
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(false);
            opts.setMaxAliasesForCollections(MAX_ALIASES);
            opts.setAllowRecursiveKeys(false);
            opts.setNestingDepthLimit(40);
            opts.setCodePointLimit(MAX_FILE_CHARS);
            root = new Yaml(opts).compose(new StringReader(yamlText));
        } catch (RuntimeException e) {
            throw new TenantFileException("not valid YAML: " + firstLine(e.getMessage()));
        }
        Map<String, Object> limits = new LinkedHashMap<>();
        List<BasicUser> users = new ArrayList<>();
        if (root == null || isNull(root)) {
            return new TenantFile(tenant, Map.of(), Map.of(), List.of(), contentHash);
        }
        for (NodeTuple t : mapping(root, "the top level")) {
            String key = key(t, TOP_KEYS, "the top level");
            Node v = t.getValueNode();
            if (isNull(v)) {
                continue;
            }
            if (key.equals("limits")) {
                for (NodeTuple lt : mapping(v, "limits")) {
                    String name = scalarText(lt.getKeyNode(), "a limit name");
                    if (!LokiLimitNames.isKnown(name)) {
                        throw new TenantFileException("unknown limit '" + name + "' (use Loki's limits_config names)");
                    }
                    if (limits.containsKey(name)) {
                        throw new TenantFileException("duplicate limit '" + name + "'");
                    }
                    if (isNull(lt.getValueNode())) {
                        throw new TenantFileException("limit '" + name + "' has no value");
                    }
                    limits.put(name, tree(lt.getValueNode()));
                }
            } else {
                if (!(v instanceof SequenceNode seq)) {
                    throw new TenantFileException("'users' must be a list");
                }
                Set<String> names = new HashSet<>();
                int i = 0;
                for (Node u : seq.getValue()) {
                    BasicUser user = user(tenant, u, i++);
                    if (!names.add(user.username())) {
                        throw new TenantFileException("user '" + user.username() + "' is listed twice");
                    }
                    users.add(user);
                }
            }
        }
        Map<String, String> raw = new LinkedHashMap<>();
        limits.forEach((k, v) -> raw.put(k, v instanceof String s ? s : json(v)));
        return new TenantFile(tenant, raw, limits, users, contentHash);
    }

    private static BasicUser user(String tenant, Node node, int index) throws TenantFileException {
        String where = "users[" + index + "]";
        String username = null;
        String hash = null;
        Set<Scope> scopes = null;
        AccessPolicy policy = AccessPolicy.UNRESTRICTED;
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : mapping(node, where)) {
            String key = key(t, USER_KEYS, where);
            if (!seen.add(key)) {
                throw new TenantFileException(where + ": duplicate key '" + key + "'");
            }
            Node v = t.getValueNode();
            switch (key) {
                case "username" -> username = scalarText(v, where + ".username");
                case "password" -> hash = scalarText(v, where + ".password");
                case "scopes" -> {
                    scopes = EnumSet.noneOf(Scope.class);
                    for (String s : stringList(v, where + ".scopes")) {
                        Scope sc = Scope.fromText(s).orElse(null);
                        if (sc == null) {
                            throw new TenantFileException(where + ": unknown scope '" + s
                                    + "' (use logs:read, logs:write, logs:delete, rules:read, rules:write)");
                        }
                        scopes.add(sc);
                    }
                }
                default -> {
                    try {
                        policy = AccessPolicy.parse(stringList(v, where + ".lbac"));
                    } catch (StrataException e) {
                        throw new TenantFileException(where + ".lbac: " + e.getMessage());
                    }
                }
            }
        }
        if (username == null || username.isEmpty()) {
            throw new TenantFileException(where + ": 'username' is missing");
        }
        if (username.length() > 256 || username.indexOf(':') >= 0 || username.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new TenantFileException(where + ": username must not contain ':' or control characters (max 256)");
        }
        where = "user '" + username + "'";
        if (hash == null) {
            throw new TenantFileException(where + ": 'password' (a bcrypt hash) is missing");
        }
        var m = BCRYPT.matcher(hash);
        if (!m.matches()) {
            throw new TenantFileException(where + ": password is not a bcrypt hash ($2a$/$2b$/$2y$, 60 characters);"
                    + " make one with: htpasswd -nbBC 10 " + username + " '<password>'");
        }
        int cost = Integer.parseInt(m.group(1));
        if (cost < 4 || cost > MAX_COST) {
            throw new TenantFileException(where + ": bcrypt cost " + cost + " outside 4.." + MAX_COST);
        }
        if (scopes == null) {
            throw new TenantFileException(where + ": 'scopes' is missing (e.g. [logs:read, logs:write])");
        }
        return new BasicUser(username, tenant, hash, scopes, policy);
    }

    private static List<NodeTuple> mapping(Node n, String where) throws TenantFileException {
        if (!(n instanceof MappingNode m)) {
            throw new TenantFileException(where + " must be a mapping");
        }
        Set<String> keys = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && !keys.add(s.getValue())) {
                throw new TenantFileException(where + ": duplicate key '" + s.getValue() + "'");
            }
        }
        return m.getValue();
    }

    private static String key(NodeTuple t, Set<String> allowed, String where) throws TenantFileException {
        String k = scalarText(t.getKeyNode(), "a key in " + where);
        if (!allowed.contains(k)) {
            throw new TenantFileException("unknown key '" + k + "' in " + where + " (allowed: "
                    + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
        return k;
    }

    private static String scalarText(Node n, String what) throws TenantFileException {
        if (!(n instanceof ScalarNode s) || isNull(n)) {
            throw new TenantFileException(what + " must be a single value");
        }
        return s.getValue();
    }

    private static List<String> stringList(Node n, String what) throws TenantFileException {
        if (!(n instanceof SequenceNode seq)) {
            throw new TenantFileException(what + " must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            out.add(scalarText(item, "each entry of " + what));
        }
        return out;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private static Object tree(Node n) throws TenantFileException {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        if (n instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                out.add(tree(item));
            }
            return List.copyOf(out);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping(n, "a limit value")) {
            out.put(scalarText(t.getKeyNode(), "a key in a limit value"), tree(t.getValueNode()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** JSON with string leaves. */
    static String json(Object v) {
        StringBuilder sb = new StringBuilder();
        appendJson(sb, v);
        return sb.toString();
    }

    private static void appendJson(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                appendJson(sb, String.valueOf(e.getKey()));
                sb.append(':');
                appendJson(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                appendJson(sb, l.get(i));
            }
            sb.append(']');
        } else {
            Labels.appendQuoted(sb, String.valueOf(v), Labels.Quoting.JSON);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " " + s.substring(nl + 1).replace('\n', ' ').strip();
    }
}
