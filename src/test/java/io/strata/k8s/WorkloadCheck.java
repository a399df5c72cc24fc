package io.strata.k8s;

import static io.strata.k8s.ManifestCheck.containers;
import static io.strata.k8s.ManifestCheck.declaresPort;
import static io.strata.k8s.ManifestCheck.map;
import static io.strata.k8s.ManifestCheck.maps;

import io.strata.k8s.ManifestCheck.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks of one Deployment or StatefulSet: selector, references to ConfigMaps, Secrets and
 * volumes, probes, resources, security context, and the Strata-specific rules (a known
 * {@code STRATA_TARGET}, port 3100 named {@code http}, a grace period of at least 60 s for anything
 * that writes, {@code STRATA_WRITERS} naming a headless Service of the writers). Appends to
 * {@code problems}; single use.
 */
final class WorkloadCheck {
    private final Resource workload;
    private final Map<String, Resource> byId;
    private final Set<String> externalSecrets;
    private final List<String> problems;
    private final Map<String, Object> podSpec;

    WorkloadCheck(Resource workload, Map<String, Resource> byId, Set<String> externalSecrets, List<String> problems) {
        this.workload = workload;
        this.byId = byId;
        this.externalSecrets = externalSecrets;
        this.problems = problems;
        this.podSpec = map(map(map(workload.doc(), "spec"), "template"), "spec");
    }

    void run() {
        Map<String, Object> matchLabels = map(map(map(workload.doc(), "spec"), "selector"), "matchLabels");
        if (matchLabels.isEmpty() || !ManifestCheck.podLabels(workload).entrySet().containsAll(matchLabels.entrySet())) {
            problem("spec.selector.matchLabels " + matchLabels + " do not select its own pod template");
        }
        if (!Boolean.TRUE.equals(map(podSpec, "securityContext").get("runAsNonRoot"))) {
            problem("pod securityContext.runAsNonRoot must be true");
        }
        if (workload.kind().equals("StatefulSet")) {
            checkGoverningService();
        }
        checkVolumes();
        if (containers(workload).isEmpty()) {
            problem("no containers");
        }
        for (Map<String, Object> container : containers(workload)) {
            checkContainer(container);
        }
    }

    private void checkGoverningService() {
        Object serviceName = map(workload.doc(), "spec").get("serviceName");
        Resource service = byId.get("Service/" + serviceName);
        if (service == null) {
            problem("serviceName " + serviceName + " is not a Service");
        } else if (!"None".equals(map(service.doc(), "spec").get("clusterIP"))
                || !ManifestCheck.selected(map(map(service.doc(), "spec"), "selector"), List.of(workload)).contains(workload)) {
            problem("serviceName " + serviceName + " must be a headless Service selecting its pods");
        }
    }

    private void checkVolumes() {
        for (Map<String, Object> volume : maps(podSpec, "volumes")) {
            Map<String, Object> configMap = map(volume, "configMap");
            if (!configMap.isEmpty()) {
                requireConfigMap(configMap.get("name"), maps(configMap, "items").stream().map(i -> i.get("key")).toList(),
                        "volume " + volume.get("name"));
            }
            Map<String, Object> secret = map(volume, "secret");
            if (!secret.isEmpty()) {
                requireSecret(secret.get("secretName"), "volume " + volume.get("name"));
            }
            for (Map<String, Object> source : maps(map(volume, "projected"), "sources")) {
                if (!map(source, "configMap").isEmpty()) {
                    requireConfigMap(map(source, "configMap").get("name"), List.of(), "projected volume");
                }
                if (!map(source, "secret").isEmpty()) {
                    requireSecret(map(source, "secret").get("name"), "projected volume");
                }
            }
        }
    }

    private void checkContainer(Map<String, Object> c) {
        String name = String.valueOf(c.get("name"));
        Set<String> volumes = ManifestCheck.volumeNames(workload);
        for (Map<String, Object> mount : maps(c, "volumeMounts")) {
            if (!volumes.contains(String.valueOf(mount.get("name")))) {
                problem("container " + name + " mounts unknown volume " + mount.get("name"));
            }
        }
        for (Map<String, Object> from : maps(c, "envFrom")) {
            if (!map(from, "configMapRef").isEmpty()) {
                requireConfigMap(map(from, "configMapRef").get("name"), List.of(), "envFrom of " + name);
            }
            if (!map(from, "secretRef").isEmpty()) {
                requireSecret(map(from, "secretRef").get("name"), "envFrom of " + name);
            }
        }
        Map<String, Object> env = new HashMap<>();
        for (Map<String, Object> e : maps(c, "env")) {
            env.put(String.valueOf(e.get("name")), e.get("value"));
            Map<String, Object> from = map(e, "valueFrom");
            if (!map(from, "configMapKeyRef").isEmpty()) {
                Map<String, Object> ref = map(from, "configMapKeyRef");
                requireConfigMap(ref.get("name"), List.of(ref.get("key")), "env " + e.get("name"));
            }
            if (!map(from, "secretKeyRef").isEmpty()) {
                requireSecret(map(from, "secretKeyRef").get("name"), "env " + e.get("name"));
            }
        }
        checkProbes(c, name);
        Map<String, Object> resources = map(c, "resources");
        if (map(resources, "requests").isEmpty() || map(resources, "limits").get("memory") == null) {
            problem("container " + name + " needs resource requests and a memory limit");
        }
        if (!Boolean.FALSE.equals(map(c, "securityContext").get("allowPrivilegeEscalation"))) {
            problem("container " + name + " must set securityContext.allowPrivilegeEscalation: false");
        }
        if (env.containsKey("STRATA_TARGET")) {
            checkStrata(c, name, env);
        }
    }

    private void checkProbes(Map<String, Object> c, String name) {
        for (String required : List.of("readinessProbe", "livenessProbe")) {
            if (map(c, required).isEmpty()) {
                problem("container " + name + " has no " + required);
            }
        }
        for (String key : c.keySet()) {
            if (!ManifestCheck.isProbe(key)) {
                continue;
            }
            Map<String, Object> http = map(map(c, key), "httpGet");
            if (!"/ready".equals(http.get("path"))) {
                problem("container " + name + " " + key + " must be an httpGet of /ready, got " + http.get("path"));
            } else if (!declaresPort(workload, http.get("port"))) {
                problem("container " + name + " " + key + " port " + http.get("port") + " is not a declared container port");
            }
        }
    }

    private void checkStrata(Map<String, Object> c, String name, Map<String, Object> env) {
        Object target = env.get("STRATA_TARGET");
        if (!ManifestCheck.TARGETS.contains(String.valueOf(target))) {
            problem("container " + name + ": STRATA_TARGET must be one of " + ManifestCheck.TARGETS + ", got " + target);
        }
        boolean http3100 = maps(c, "ports").stream()
                .anyMatch(p -> "http".equals(p.get("name")) && Integer.valueOf(3100).equals(p.get("containerPort")));
        if (!http3100) {
            problem("container " + name + " must declare containerPort 3100 named http");
        }
        Object grace = podSpec.get("terminationGracePeriodSeconds");
        if (("write".equals(target) || "all".equals(target)) && !(grace instanceof Integer g && g >= 60)) {
            problem("a writer needs terminationGracePeriodSeconds >= 60 to flush, got " + grace);
        }
        if (env.get("STRATA_WRITERS") != null) {
            checkWriters(String.valueOf(env.get("STRATA_WRITERS")));
        }
        for (Map.Entry<String, Object> e : env.entrySet()) {
            if (e.getKey().startsWith("STRATA_") && e.getKey().endsWith("_DIR")) {
                String dir = String.valueOf(e.getValue());
                boolean mounted = maps(c, "volumeMounts").stream().anyMatch(m -> Objects.equals(dir, m.get("mountPath")));
                if (!mounted) {
                    problem("container " + name + ": " + e.getKey() + "=" + dir + " is not a volume mount");
                }
            }
        }
    }

    /** {@code STRATA_WRITERS=host:port}: a headless Service selecting write pods, with that port. */
    private void checkWriters(String writers) {
        for (String entry : writers.split(",")) {
            String[] hostPort = entry.trim().split(":");
            String host = hostPort[0].split("\\.")[0];
            Resource service = byId.get("Service/" + host);
            if (hostPort.length != 2 || service == null) {
                problem("STRATA_WRITERS entry " + entry + " is not <service>:<port> of a Service here");
                continue;
            }
            Map<String, Object> spec = map(service.doc(), "spec");
            List<Resource> pods = ManifestCheck.selected(map(spec, "selector"),
                    byId.values().stream().filter(r -> ManifestCheck.WORKLOAD_KINDS.contains(r.kind())).toList());
            boolean writerPods = !pods.isEmpty() && pods.stream().allMatch(this::isWriter);
            boolean port = maps(spec, "ports").stream().anyMatch(p -> hostPort[1].equals(String.valueOf(p.get("port"))));
            if (!"None".equals(spec.get("clusterIP")) || !writerPods || !port) {
                problem("STRATA_WRITERS " + entry + " must name a headless Service of the write pods and its port");
            }
        }
    }

    private boolean isWriter(Resource w) {
        return containers(w).stream().flatMap(c -> maps(c, "env").stream())
                .anyMatch(e -> "STRATA_TARGET".equals(e.get("name")) && "write".equals(e.get("value")));
    }

    private void requireConfigMap(Object name, List<Object> keys, String where) {
        Resource configMap = byId.get("ConfigMap/" + name);
        if (configMap == null) {
            problem(where + " refers to ConfigMap " + name + ", which is not defined here");
            return;
        }
        Map<String, Object> data = map(configMap.doc(), "data");
        for (Object key : keys) {
            if (!data.containsKey(String.valueOf(key))) {
                problem(where + " refers to key " + key + " missing from ConfigMap " + name);
            }
        }
    }

    private void requireSecret(Object name, String where) {
        if (!byId.containsKey("Secret/" + name) && !externalSecrets.contains(String.valueOf(name))) {
            problem(where + " refers to Secret " + name + ", which is neither defined here nor a documented external Secret");
        }
    }

    private void problem(String text) {
        problems.add(workload.id() + ": " + text);
    }
}
