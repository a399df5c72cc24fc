package io.strata.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker itself: a consistent sample passes, and each kind of broken reference is reported. */
class ManifestCheckTest {
    private static final String SAMPLE = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cfg}
            data: {a.yaml: "x: 1"}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: w}
            spec:
              serviceName: w-headless
              selector: {matchLabels: {role: write}}
              template:
                metadata: {labels: {role: write, app: strata}}
                spec:
                  terminationGracePeriodSeconds: 300
                  securityContext: {runAsNonRoot: true}
                  containers:
                    - name: strata
                      image: strata
                      ports: [{name: http, containerPort: 3100}]
                      env:
                        - {name: STRATA_TARGET, value: write}
                        - {name: STRATA_DATA_DIR, value: /data}
                        - name: KEY
                          valueFrom: {secretKeyRef: {name: creds, key: k}}
                      resources: {requests: {cpu: "1"}, limits: {memory: 1Gi}}
                      readinessProbe: {httpGet: {path: /ready, port: http}}
                      livenessProbe: {httpGet: {path: /ready, port: 3100}}
                      securityContext: {allowPrivilegeEscalation: false}
                      volumeMounts: [{name: data, mountPath: /data}, {name: config, mountPath: /etc/c}]
                  volumes:
                    - name: config
                      configMap: {name: cfg, items: [{key: a.yaml, path: t/a.yaml}]}
              volumeClaimTemplates: [{metadata: {name: data}}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: r}
            spec:
              selector: {matchLabels: {role: read}}
              template:
                metadata: {labels: {role: read}}
                spec:
                  securityContext: {runAsNonRoot: true}
                  containers:
                    - name: strata
                      image: strata
                      ports: [{name: http, containerPort: 3100}]
                      env:
                        - {name: STRATA_TARGET, value: read}
                        - {name: STRATA_WRITERS, value: "w-headless:3100"}
                      resources: {requests: {cpu: "1"}, limits: {memory: 1Gi}}
                      readinessProbe: {httpGet: {path: /ready, port: http}}
                      livenessProbe: {httpGet: {path: /ready, port: http}}
                      securityContext: {allowPrivilegeEscalation: false}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: w-headless}
            spec:
              clusterIP: None
              selector: {role: write}
              ports: [{name: http, port: 3100, targetPort: http}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: read}
            spec:
              selector: {role: read}
              ports: [{name: http, port: 3100, targetPort: 3100}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: gw}
            data:
              nginx.conf: |
                upstream r { server read:3100; }
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: w}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {role: write}}
            """;

    @Test
    void consistentSamplePasses() {
        assertEquals(List.of(), problems(SAMPLE));
    }

    @Test
    void serviceSelectingNoPodsIsReported() {
        assertEquals(List.of("Service/read: selector {role=reader} matches no workload's pod labels"),
                problems(SAMPLE.replace("selector: {role: read}", "selector: {role: reader}")));
    }

    @Test
    void targetPortThatNoContainerDeclaresIsReported() {
        assertEquals(List.of("Service/read: targetPort 8080 is not a container port of Deployment/r"),
                problems(SAMPLE.replace("port: 3100, targetPort: 3100", "port: 3100, targetPort: 8080")));
    }

    @Test
    void missingConfigMapOrKeyIsReported() {
        assertEquals(List.of("StatefulSet/w: volume config refers to ConfigMap cfg2, which is not defined here"),
                problems(SAMPLE.replace("configMap: {name: cfg,", "configMap: {name: cfg2,")));
        assertEquals(List.of("StatefulSet/w: volume config refers to key b.yaml missing from ConfigMap cfg"),
                problems(SAMPLE.replace("items: [{key: a.yaml", "items: [{key: b.yaml")));
    }

    @Test
    void undocumentedSecretIsReported() {
        assertEquals(List.of("StatefulSet/w: env KEY refers to Secret creds, which is neither defined here nor a "
                + "documented external Secret"), ManifestCheck.problems(ManifestCheck.parse("sample", SAMPLE), Set.of()));
    }

    @Test
    void budgetSelectingNothingIsReported() {
        assertEquals(List.of("PodDisruptionBudget/w: selector {role=writer} matches no workload's pod labels"),
                problems(SAMPLE.replace("  maxUnavailable: 1\n  selector: {matchLabels: {role: write}}",
                                "  maxUnavailable: 1\n  selector: {matchLabels: {role: writer}}")));
    }

    @Test
    void probesMustHitReadyOnADeclaredPort() {
        assertEquals(List.of("StatefulSet/w: container strata livenessProbe must be an httpGet of /ready, got /metrics"),
                problems(SAMPLE.replace("livenessProbe: {httpGet: {path: /ready, port: 3100}}",
                        "livenessProbe: {httpGet: {path: /metrics, port: 3100}}")));
        assertEquals(List.of("StatefulSet/w: container strata livenessProbe port 9095 is not a declared container port"),
                problems(SAMPLE.replace("port: 3100}}", "port: 9095}}")));
    }

    @Test
    void writerWithAShortGracePeriodIsReported() {
        assertEquals(List.of("StatefulSet/w: a writer needs terminationGracePeriodSeconds >= 60 to flush, got 30"),
                problems(SAMPLE.replace("terminationGracePeriodSeconds: 300", "terminationGracePeriodSeconds: 30")));
    }

    @Test
    void writersMustBeAHeadlessServiceOfWritePods() {
        assertEquals(List.of("Deployment/r: STRATA_WRITERS read:3100 must name a headless Service of the write pods and its port"),
                problems(SAMPLE.replace("value: \"w-headless:3100\"", "value: \"read:3100\"")));
    }

    @Test
    void unknownTargetAndRootPodsAreReported() {
        List<String> p = problems(SAMPLE.replace("value: read}", "value: reader}")
                .replace("  template:\n    metadata: {labels: {role: read}}\n    spec:\n      securityContext: {runAsNonRoot: true}",
                        "  template:\n    metadata: {labels: {role: read}}\n    spec:\n      securityContext: {}"));
        assertTrue(p.contains("Deployment/r: pod securityContext.runAsNonRoot must be true"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("Deployment/r: container strata: STRATA_TARGET must be one of")), p.toString());
    }

    @Test
    void dataDirectoryMustBeMountedAndNginxUpstreamsMustExist() {
        assertEquals(List.of("StatefulSet/w: container strata: STRATA_DATA_DIR=/var/lib/strata is not a volume mount"),
                problems(SAMPLE.replace("value: /data}", "value: /var/lib/strata}")));
        assertEquals(List.of("ConfigMap/gw: nginx upstream reader is not a Service"),
                problems(SAMPLE.replace("server read:3100;", "server reader:3100;")));
    }

    private static List<String> problems(String yaml) {
        return ManifestCheck.problems(ManifestCheck.parse("sample", yaml), Set.of("creds"));
    }
}
