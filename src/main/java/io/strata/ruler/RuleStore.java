package io.strata.ruler;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where rule groups live, per tenant and namespace: one namespace = one rule file holding a list of
 * groups. Implementations are thread-safe and make each write atomic (a reader sees the old or the
 * new namespace file, never a torn one). Names were checked with {@link RuleNames}.
 */
public interface RuleStore {
    /** Tenants that have at least one namespace. */
    List<String> tenants();

    /** All namespaces of a tenant with their groups; a namespace that fails to load is left out. */
    Map<String, List<RuleGroup>> namespaces(String tenant);

    /** The groups of one namespace; empty when it does not exist. */
    Optional<List<RuleGroup>> namespace(String tenant, String namespace);

    /** Replaces the whole namespace file (an empty list deletes it). */
    void putNamespace(String tenant, String namespace, List<RuleGroup> groups);

    /** Deletes a namespace; false when it did not exist. */
    boolean deleteNamespace(String tenant, String namespace);

    /** Problems found the last time files were read (file name → message); files with problems are skipped. */
    Map<String, String> loadErrors();
}
