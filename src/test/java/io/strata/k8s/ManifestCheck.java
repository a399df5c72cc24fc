package io.strata.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads the Kubernetes objects of a kustomization (following directory resources) and lists the
 * cross-reference problems a cluster would only show at run time: selectors that match no pods,
 * ports and ConfigMaps that do not exist, probes that miss {@code /ready}, writers that are killed
 * before they can flush. Every problem is one line naming the object.
 */
final class ManifestCheck {
    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet");
    static final Set<String> TARGETS = Set.of("all", "write", "read", "backend");
    private static final Set<String> PROBES = Set.of("startupProbe", "readinessProbe", "livenessProbe");
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("\\bserver\\s+([a-z0-9.-]+):(\\d+)\\s*;");

    /** One object of a manifest file. */
    record Resource(String file, Map<String, Object> doc) {
        String kind() {
            return String.valueOf(doc.get("kind"));
        }

        String name() {
            return String.valueOf(map(doc, "metadata").get("name"));
        }

        String id() {
            return kind() + "/" + name();
        }
    }

    private ManifestCheck() {}

    /** The objects of {@code dir/kustomization.yaml}'s resources, recursing into directories. */
    static List<Resource> loadKustomization(Path dir) {
        Map<String, Object> kustomization = parse(dir.resolve("kustomization.yaml")).get(0).doc();
        List<Resource> out = new ArrayList<>();
        for (Object entry : list(kustomization, "resources")) {
            Path p = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(loadKustomization(p));
            } else {
                out.addAll(parse(p));
            }
        }
        return out;
    }

    static List<Resource> parse(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Resource> parse(String file, String text) {
        List<Resource> out = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc != null) {
                out.add(new Resource(file, (Map<String, Object>) doc));
            }
        }
        return out;
    }

    /** Every cross-reference problem; empty when the set of objects is consistent. */
    static List<String> problems(List<Resource> resources, Set<String> externalSecrets) {
        List<String> problems = new ArrayList<>();
        Map<String, Resource> byId = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (r.doc().get("apiVersion") == null || r.doc().get("kind") == null || map(r.doc(), "metadata").get("name") == null) {
                problems.add(r.file() + ": object without apiVersion, kind or metadata.name");
                continue;
            }
            if (byId.put(r.id(), r) != null) {
                problems.add(r.id() + ": defined twice");
            }
        }
        List<Resource> workloads = byId.values().stream().filter(r -> WORKLOAD_KINDS.contains(r.kind())).toList();
        for (Resource w : workloads) {
            new WorkloadCheck(w, byId, externalSecrets, problems).run();
        }
        for (Resource r : byId.values()) {
            switch (r.kind()) {
                case "Service" -> checkService(r, workloads, problems);
                case "PodDisruptionBudget" -> checkBudget(r, workloads, problems);
                case "ConfigMap" -> checkNginxUpstreams(r, byId, problems);
                default -> { }
            }
        }
        return problems;
    }

    /** The workloads whose pod template carries every label of the selector. */
    static List<Resource> selected(Map<String, Object> selector, List<Resource> workloads) {
        if (selector.isEmpty()) {
            return List.of();
        }
        return workloads.stream().filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet())).toList();
    }

    static Map<String, Object> podLabels(Resource workload) {
        return map(map(map(map(workload.doc(), "spec"), "template"), "metadata"), "labels");
    }

    static List<Map<String, Object>> containers(Resource workload) {
        return maps(map(map(map(workload.doc(), "spec"), "template"), "spec"), "containers");
    }

    /** True when some container declares the port, by name (a string) or number. */
    static boolean declaresPort(Resource workload, Object port) {
        for (Map<String, Object> c : containers(workload)) {
            for (Map<String, Object> p : maps(c, "ports")) {
                if (port instanceof Integer n ? n.equals(p.get("containerPort")) : Objects.equals(port, p.get("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void checkService(Resource service, List<Resource> workloads, List<String> problems) {
        Map<String, Object> selector = map(map(service.doc(), "spec"), "selector");
        List<Resource> targets = selected(selector, workloads);
        if (targets.isEmpty()) {
            problems.add(service.id() + ": selector " + selector + " matches no workload's pod labels");
            return;
        }
        for (Map<String, Object> port : maps(map(service.doc(), "spec"), "ports")) {
            Object target = port.getOrDefault("targetPort", port.get("port"));
            for (Resource w : targets) {
                if (!declaresPort(w, target)) {
                    problems.add(service.id() + ": targetPort " + target + " is not a container port of " + w.id());
                }
            }
        }
    }

    private static void checkBudget(Resource pdb, List<Resource> workloads, List<String> problems) {
        Map<String, Object> spec = map(pdb.doc(), "spec");
        Map<String, Object> selector = map(map(spec, "selector"), "matchLabels");
        if (selected(selector, workloads).isEmpty()) {
            problems.add(pdb.id() + ": selector " + selector + " matches no workload's pod labels");
        }
        if (spec.get("minAvailable") == null && spec.get("maxUnavailable") == null) {
            problems.add(pdb.id() + ": needs minAvailable or maxUnavailable");
        }
    }

    private static void checkNginxUpstreams(Resource configMap, Map<String, Resource> byId, List<String> problems) {
        Object conf = map(configMap.doc(), "data").get("nginx.conf");
        if (conf == null) {
            return;
        }
        Matcher m = UPSTREAM_SERVER.matcher(conf.toString());
        while (m.find()) {
            Resource service = byId.get("Service/" + m.group(1));
            int port = Integer.parseInt(m.group(2));
            if (service == null) {
                problems.add(configMap.id() + ": nginx upstream " + m.group(1) + " is not a Service");
            } else if (maps(map(service.doc(), "spec"), "ports").stream().noneMatch(p -> Objects.equals(port, p.get("port")))) {
                problems.add(configMap.id() + ": nginx upstream port " + port + " is not a port of " + service.id());
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Map<String, Object> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof List<?> l ? List.copyOf(l) : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> parent, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list(parent, key)) {
            if (o instanceof Map<?, ?> m) {
                out.add((Map<String, Object>) m);
            }
        }
        return out;
    }

    /** The names of a workload's volumes plus, for a StatefulSet, its claim templates. */
    static Set<String> volumeNames(Resource workload) {
        Set<String> names = new HashSet<>();
        for (Map<String, Object> v : maps(map(map(map(workload.doc(), "spec"), "template"), "spec"), "volumes")) {
            names.add(String.valueOf(v.get("name")));
        }
        for (Map<String, Object> t : maps(map(workload.doc(), "spec"), "volumeClaimTemplates")) {
            names.add(String.valueOf(map(t, "metadata").get("name")));
        }
        return names;
    }

    static boolean isProbe(String key) {
        return PROBES.contains(key);
    }
}
