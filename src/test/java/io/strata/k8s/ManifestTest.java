package io.strata.k8s;

import static io.strata.k8s.ManifestCheck.map;
import static io.strata.k8s.ManifestCheck.maps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.k8s.ManifestCheck.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parses every manifest under {@code k8s/} and checks that the objects fit together. */
class ManifestTest {
    private static final Path K8S = Path.of("k8s");
    /** Secrets the user creates; each one has its {@code kubectl create secret} line in docs/deploy.md. */
    static final Set<String> EXTERNAL_SECRETS = Set.of("strata-s3-credentials");

    @Test
    void everyYamlFileParsesAndBelongsToItsKustomization() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "manifests found: " + files);
        for (Path file : files) {
            List<Resource> docs = ManifestCheck.parse(file);
            assertTrue(!docs.isEmpty(), file + " holds no document");
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            Path kustomization = file.getParent().resolve("kustomization.yaml");
            assertTrue(Files.exists(kustomization), file + " has no kustomization.yaml beside it");
            List<Object> resources = ManifestCheck.list(ManifestCheck.parse(kustomization).get(0).doc(), "resources");
            assertTrue(resources.contains(file.getFileName().toString()), file + " is not listed in " + kustomization);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"monolithic", "simple-scalable"})
    void layoutCrossReferencesAreConsistent(String layout) {
        List<Resource> resources = ManifestCheck.loadKustomization(K8S.resolve(layout));
        assertEquals(List.of(), ManifestCheck.problems(resources, EXTERNAL_SECRETS));
    }

    @Test
    void externalSecretsAreDocumentedAndUsed() throws IOException {
        String guide = Files.readString(Path.of("docs", "deploy.md"));
        String manifests = Files.readString(K8S.resolve("simple-scalable").resolve("write.yaml"));
        for (String secret : EXTERNAL_SECRETS) {
            assertTrue(guide.contains("kubectl create secret generic " + secret), "docs/deploy.md must say how to create " + secret);
            assertTrue(manifests.contains("name: " + secret), secret + " is documented but never used");
        }
    }

    @Test
    void monolithicIsOneStatefulSetWithPersistentData() {
        List<Resource> resources = ManifestCheck.loadKustomization(K8S.resolve("monolithic"));
        Resource strata = only(resources, "StatefulSet", "all");
        Map<String, Object> env = env(strata);
        assertEquals("local", env.get("STRATA_STORAGE_TYPE"));
        String dataClaim = String.valueOf(map(maps(map(strata.doc(), "spec"), "volumeClaimTemplates").get(0), "metadata").get("name"));
        assertTrue(maps(ManifestCheck.containers(strata).get(0), "volumeMounts").stream()
                .anyMatch(m -> m.get("name").equals(dataClaim) && m.get("mountPath").equals(env.get("STRATA_DATA_DIR"))),
                "STRATA_DATA_DIR (data and WAL) is on the PersistentVolumeClaim");
        Resource service = resources.stream().filter(r -> r.id().equals("Service/strata")).findFirst().orElseThrow();
        assertEquals(List.of(Map.of("name", "http", "port", 3100, "targetPort", "http", "protocol", "TCP")),
                maps(map(service.doc(), "spec"), "ports"));
    }

    @Test
    void simpleScalableRunsEveryRoleOnS3() {
        List<Resource> resources = ManifestCheck.loadKustomization(K8S.resolve("simple-scalable"));
        Resource write = only(resources, "StatefulSet", "write");
        Resource read = only(resources, "Deployment", "read");
        Resource backend = only(resources, "StatefulSet", "backend");
        for (Resource r : List.of(write, read, backend)) {
            Map<String, Object> env = env(r);
            assertEquals("s3", env.get("STRATA_STORAGE_TYPE"), r.id());
            List<Map<String, Object>> envList = maps(ManifestCheck.containers(r).get(0), "env");
            for (String key : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
                assertTrue(envList.stream().anyMatch(e -> e.get("name").equals(key)
                        && map(map(e, "valueFrom"), "secretKeyRef").get("name").equals("strata-s3-credentials")), r.id() + " " + key);
            }
            assertTrue(maps(ManifestCheck.containers(r).get(0), "envFrom").stream()
                    .anyMatch(e -> "strata-s3".equals(map(e, "configMapRef").get("name"))), r.id() + " reads the S3 settings");
        }
        assertEquals("strata-write-headless:3100", env(read).get("STRATA_WRITERS"));
        assertEquals("strata-write-headless:3100", env(backend).get("STRATA_WRITERS"));
        assertTrue(((Integer) map(map(map(write.doc(), "spec"), "template"), "spec").get("terminationGracePeriodSeconds")) >= 60);
        Map<String, Object> s3 = resources.stream().filter(r -> r.id().equals("ConfigMap/strata-s3")).findFirst()
                .map(r -> map(r.doc(), "data")).orElseThrow();
        assertEquals(Set.of("STRATA_S3_BUCKET", "STRATA_S3_ENDPOINT", "STRATA_S3_FORCE_PATH_STYLE", "STRATA_S3_PREFIX",
                "AWS_REGION"), s3.keySet());
    }

    @Test
    void gatewaySendsPushesToWritersRulesToBackendAndTheRestToReaders() {
        List<Resource> resources = ManifestCheck.loadKustomization(K8S.resolve("simple-scalable"));
        String conf = resources.stream().filter(r -> r.id().equals("ConfigMap/strata-gateway")).findFirst()
                .map(r -> String.valueOf(map(r.doc(), "data").get("nginx.conf"))).orElseThrow();
        for (String push : List.of("/loki/api/v1/push", "/api/prom/push", "/otlp/v1/logs")) {
            assertTrue(conf.contains("location = " + push + " { proxy_pass http://strata_write; }"), push);
        }
        assertTrue(Pattern.compile("location / \\{\\s*proxy_pass http://strata_read;").matcher(conf).find(), conf);
        assertTrue(Pattern.compile("location ~ \\^/\\(loki/api/v1/rules\\|[^\\n]*\\{\\s*proxy_pass http://strata_backend;")
                .matcher(conf).find(), conf);
        assertTrue(Pattern.compile("upstream strata_write \\{\\s*server strata-write:3100;").matcher(conf).find(), conf);
        assertTrue(conf.contains("client_max_body_size 110m;"));
        Resource service = resources.stream().filter(r -> r.id().equals("Service/strata-gateway")).findFirst().orElseThrow();
        assertEquals(3100, maps(map(service.doc(), "spec"), "ports").get(0).get("port"));
    }

    private static Resource only(List<Resource> resources, String kind, String target) {
        List<Resource> found = resources.stream()
                .filter(r -> r.kind().equals(kind) && target.equals(env(r).get("STRATA_TARGET"))).toList();
        assertEquals(1, found.size(), kind + " with STRATA_TARGET=" + target + ": " + found);
        return found.get(0);
    }

    static Map<String, Object> env(Resource workload) {
        Map<String, Object> env = new HashMap<>();
        for (Map<String, Object> c : ManifestCheck.containers(workload)) {
            for (Map<String, Object> e : maps(c, "env")) {
                env.put(String.valueOf(e.get("name")), e.get("value"));
            }
        }
        return env;
    }
}
