package io.strata.ruler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Rule files in object storage under {@code rules/<tenant>/<namespace>.yaml}, the same file format
 * as {@link DirectoryRuleStore}. A put of one object is atomic in S3 and in the local object store,
 * so a namespace is never seen half-written. Failures of the bucket surface as the object store's
 * {@code UNAVAILABLE} exceptions.
 */
public final class ObjectRuleStore implements RuleStore {
    private static final Logger LOG = Logger.getLogger(ObjectRuleStore.class.getName());
    private static final String PREFIX = "rules/";
    private static final String SUFFIX = ".yaml";

    private final RuleObjectStore objects;
    private final RuleFileDecoder decoder;

    public ObjectRuleStore(RuleObjectStore objects, RuleGroupValidator validator) {
        this.objects = objects;
        this.decoder = new RuleFileDecoder(validator, LOG, "rule object");
    }

    @Override
    public List<String> tenants() {
        TreeSet<String> out = new TreeSet<>();
        for (String key : objects.list(PREFIX)) {
            String rest = key.substring(PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && RuleNames.isSafeTenant(rest.substring(0, slash))) {
                out.add(rest.substring(0, slash));
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public Map<String, List<RuleGroup>> namespaces(String tenant) {
        Map<String, List<RuleGroup>> out = new TreeMap<>();
        String prefix = PREFIX + tenant + "/";
        for (String key : objects.list(prefix)) {
            String name = key.substring(prefix.length());
            if (name.endsWith(SUFFIX) && name.indexOf('/') < 0) {
                String ns = name.substring(0, name.length() - SUFFIX.length());
                objects.get(key).flatMap(bytes -> decoder.decode(key, bytes)).ifPresent(g -> out.put(ns, g));
            }
        }
        return out;
    }

    @Override
    public Optional<List<RuleGroup>> namespace(String tenant, String namespace) {
        String key = key(tenant, namespace);
        return objects.get(key).flatMap(bytes -> decoder.decode(key, bytes));
    }

    @Override
    public synchronized void putNamespace(String tenant, String namespace, List<RuleGroup> groups) {
        if (groups.isEmpty()) {
            deleteNamespace(tenant, namespace);
            return;
        }
        objects.put(key(tenant, namespace), RuleYaml.writeFile(groups).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized boolean deleteNamespace(String tenant, String namespace) {
        String key = key(tenant, namespace);
        if (objects.get(key).isEmpty()) {
            return false;
        }
        objects.delete(key);
        return true;
    }

    @Override
    public Map<String, String> loadErrors() {
        return decoder.loadErrors();
    }

    private static String key(String tenant, String namespace) {
        return PREFIX + tenant + "/" + namespace + SUFFIX;
    }
}
