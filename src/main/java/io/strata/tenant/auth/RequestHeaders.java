package io.strata.tenant.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request headers an authenticator looks at, by case-insensitive name. The HTTP layer adapts
 * its own header type (e.g. a lambda over Vert.x {@code MultiMap#getAll}).
 */
@FunctionalInterface
public interface RequestHeaders {
    String AUTHORIZATION = "Authorization";
    String ORG_ID = "X-Scope-OrgID";
    /** Loki's LBAC header, set only by a trusted gateway; never accepted from clients. */
    String LABEL_POLICY = "X-Prom-Label-Policy";

    /** Every value of the header (empty list when absent); the name is case-insensitive. */
    List<String> all(String name);

    /** The single value of a header, null when absent. */
    default String single(String name) {
        List<String> v = all(name);
        return v.isEmpty() ? null : v.get(0);
    }

    /** An empty header set. */
    static RequestHeaders none() {
        return name -> List.of();
    }

    /** Over a map of name to values (names matched case-insensitively). */
    static RequestHeaders ofMulti(Map<String, ? extends Collection<String>> map) {
        Map<String, List<String>> lower = new TreeMap<>();
        map.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        return name -> lower.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Over a map of name to one value each. */
    static RequestHeaders of(Map<String, String> map) {
        Map<String, List<String>> lower = new TreeMap<>();
        map.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(v));
        return name -> lower.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
