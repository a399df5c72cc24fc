package io.strata.ruler;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The ruler configuration API ({@code /loki/api/v1/rules} and {@code /api/prom/rules}) behind the
 * HTTP routes: YAML in and out, Loki's status codes and texts as {@link StrataException}s
 * (404 {@code no rule groups found} / {@code group does not exist} / {@code group namespace does not
 * exist}, 400 {@code unable to decoded rule group} and validation texts joined by {@code ", "}).
 * Successful writes answer 202 with {@link #ACCEPTED_BODY}; every change is persisted in the
 * {@link RuleStore} before returning and then announced to {@code onChange} (the scheduler).
 * Writes are serialized per service.
 */
public final class RuleConfigService {
    /** Body of a 202 answer, {@code application/json}. */
    public static final String ACCEPTED_BODY = "{\"status\":\"success\",\"data\":null,\"errorType\":\"\",\"error\":\"\"}";
    /** {@code Content-Type} of YAML answers. */
    public static final String YAML_CONTENT_TYPE = "application/yaml";

    private final RuleStore store;
    private final RuleGroupValidator validator;
    private final Function<String, RulerTenantOptions> limits;
    private final Consumer<String> onChange;

    public RuleConfigService(RuleStore store, RuleGroupValidator validator,
            Function<String, RulerTenantOptions> limits, Consumer<String> onChange) {
        this.store = store;
        this.validator = validator;
        this.limits = limits;
        this.onChange = onChange;
    }

    /**
     * {@code GET {prefix}}: all namespaces as YAML; {@code labelFilter} is Loki's {@code labels=k1:v1,k2:v2}
     * (a rule matches if it has any of the pairs), or null.
     */
    public String listRules(String tenant, String labelFilter) {
        RuleNames.checkTenant(tenant);
        return render(store.namespaces(tenant), labelFilter);
    }

    /** {@code GET {prefix}/{namespace}}: the same map form with one key. */
    public String getNamespace(String tenant, String namespace) {
        RuleNames.checkTenant(tenant);
        RuleNames.checkNamespace(namespace);
        Map<String, List<RuleGroup>> one = new LinkedHashMap<>();
        store.namespace(tenant, namespace).ifPresent(g -> one.put(namespace, g));
        return render(one, null);
    }

    /** {@code GET {prefix}/{namespace}/{group}}: one group. */
    public String getGroup(String tenant, String namespace, String group) {
        RuleNames.checkTenant(tenant);
        RuleNames.checkNamespace(namespace);
        RuleNames.checkGroup(group);
        return RuleYaml.writeGroup(find(tenant, namespace, group)
                .orElseThrow(() -> new StrataException(ErrorCategory.NOT_FOUND, "group does not exist")));
    }

    /** {@code POST {prefix}/{namespace}}: body is one group (YAML or JSON); replaces a group of the same name. */
    public synchronized void setGroup(String tenant, String namespace, byte[] body) {
        RuleNames.checkTenant(tenant);
        RuleNames.checkNamespace(namespace);
        if (body.length > RuleYaml.MAX_BYTES) {
            throw new StrataException(ErrorCategory.TOO_LARGE,
                    "rule group too large: " + body.length + " bytes, limit " + RuleYaml.MAX_BYTES);
        }
        RuleGroup group;
        try {
            group = RuleYaml.parseGroup(body);
        } catch (RuleFormatException e) {
            throw new StrataException(ErrorCategory.BAD_REQUEST, "unable to decoded rule group", e);
        }
        List<String> errors = validator.validate(List.of(group));
        if (!errors.isEmpty()) {
            throw new StrataException(ErrorCategory.BAD_REQUEST, String.join(", ", errors));
        }
        if (!group.name().isEmpty()) {
            RuleNames.checkGroup(group.name());
        }
        RulerTenantOptions tl = limits.apply(tenant);
        if (tl.maxRulesPerRuleGroup() > 0 && group.rules().size() > tl.maxRulesPerRuleGroup()) {
            throw new StrataException(ErrorCategory.BAD_REQUEST, "per-user rules per rule group limit (limit: "
                    + tl.maxRulesPerRuleGroup() + " actual: " + group.rules().size() + ") exceeded");
        }
        List<RuleGroup> groups = new ArrayList<>(store.namespace(tenant, namespace).orElse(List.of()));
        int existing = indexOf(groups, group.name());
        if (tl.maxRuleGroupsPerTenant() > 0 && existing < 0) {
            int total = store.namespaces(tenant).values().stream().mapToInt(List::size).sum() + 1;
            if (total > tl.maxRuleGroupsPerTenant()) {
                throw new StrataException(ErrorCategory.BAD_REQUEST, "per-user rule groups limit (limit: "
                        + tl.maxRuleGroupsPerTenant() + " actual: " + total + ") exceeded");
            }
        }
        if (existing >= 0) {
            groups.set(existing, group);
        } else {
            groups.add(group);
        }
        store.putNamespace(tenant, namespace, groups);
        onChange.accept(tenant);
    }

    /** {@code DELETE {prefix}/{namespace}/{group}}. */
    public synchronized void deleteGroup(String tenant, String namespace, String group) {
        RuleNames.checkTenant(tenant);
        RuleNames.checkNamespace(namespace);
        RuleNames.checkGroup(group);
        List<RuleGroup> groups = new ArrayList<>(store.namespace(tenant, namespace).orElse(List.of()));
        int i = indexOf(groups, group);
        if (i < 0) {
            throw new StrataException(ErrorCategory.NOT_FOUND, "group does not exist");
        }
        groups.remove(i);
        store.putNamespace(tenant, namespace, groups);
        onChange.accept(tenant);
    }

    /** {@code DELETE {prefix}/{namespace}}. */
    public synchronized void deleteNamespace(String tenant, String namespace) {
        RuleNames.checkTenant(tenant);
        RuleNames.checkNamespace(namespace);
        if (!store.deleteNamespace(tenant, namespace)) {
            throw new StrataException(ErrorCategory.NOT_FOUND, "group namespace does not exist");
        }
        onChange.accept(tenant);
    }

    private Optional<RuleGroup> find(String tenant, String namespace, String group) {
        return store.namespace(tenant, namespace).flatMap(gs -> gs.stream()
                .filter(g -> g.name().equals(group)).findFirst());
    }

    private static int indexOf(List<RuleGroup> groups, String name) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String render(Map<String, List<RuleGroup>> namespaces, String labelFilter) {
        if (namespaces.values().stream().allMatch(List::isEmpty)) {
            throw new StrataException(ErrorCategory.NOT_FOUND, "no rule groups found");
        }
        if (labelFilter != null && !labelFilter.isEmpty()) {
            Map<String, String> wanted = parseLabelFilter(labelFilter);
            Map<String, List<RuleGroup>> filtered = new LinkedHashMap<>();
            namespaces.forEach((ns, groups) -> {
                List<RuleGroup> kept = new ArrayList<>();
                for (RuleGroup g : groups) {
                    List<Rule> rules = g.rules().stream().filter(r -> r.labels().entrySet().stream()
                            .anyMatch(e -> e.getValue().equals(wanted.get(e.getKey())))).toList();
                    if (!rules.isEmpty()) {
                        kept.add(new RuleGroup(g.name(), g.interval(), g.limit(), rules));
                    }
                }
                if (!kept.isEmpty()) {
                    filtered.put(ns, kept);
                }
            });
            return filtered.isEmpty() ? "{}\n" : RuleYaml.writeNamespaces(filtered);
        }
        return RuleYaml.writeNamespaces(namespaces);
    }

    private static Map<String, String> parseLabelFilter(String filter) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : filter.split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new StrataException(ErrorCategory.BAD_REQUEST, "invalid labels filter: " + pair);
            }
            out.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return out;
    }
}
