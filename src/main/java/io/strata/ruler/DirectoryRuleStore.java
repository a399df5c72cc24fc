package io.strata.ruler;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Rule files on local disk: {@code <dir>/<tenant>/<namespace>.yaml} (also {@code .yml}), each a
 * Prometheus rule file. Writes go to a temp file in the same directory, are fsynced, and renamed
 * over the target. A file that does not parse or validate is logged, recorded in
 * {@link #loadErrors()} and skipped; the other files still load.
 */
public final class DirectoryRuleStore implements RuleStore {
    private static final Logger LOG = Logger.getLogger(DirectoryRuleStore.class.getName());

    private final Path root;
    private final RuleFileDecoder decoder;

    public DirectoryRuleStore(Path root, RuleGroupValidator validator) {
        this.root = root;
        this.decoder = new RuleFileDecoder(validator, LOG, "rule file");
    }

    @Override
    public List<String> tenants() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && RuleNames.isSafeTenant(name)) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public Map<String, List<RuleGroup>> namespaces(String tenant) {
        Map<String, List<RuleGroup>> out = new TreeMap<>();
        Path dir = root.resolve(tenant);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String file = p.getFileName().toString();
                String ns = namespaceOf(file);
                if (ns != null && Files.isRegularFile(p)) {
                    read(tenant, ns, p).ifPresent(groups -> out.put(ns, groups));
                }
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
        return out;
    }

    @Override
    public Optional<List<RuleGroup>> namespace(String tenant, String namespace) {
        for (Path p : List.of(file(tenant, namespace), root.resolve(tenant).resolve(namespace + ".yml"))) {
            if (Files.isRegularFile(p)) {
                return read(tenant, namespace, p);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void putNamespace(String tenant, String namespace, List<RuleGroup> groups) {
        if (groups.isEmpty()) {
            deleteNamespace(tenant, namespace);
            return;
        }
        Path target = file(tenant, namespace);
        try {
            Files.createDirectories(target.getParent());
            AtomicFileWriter.replace(target, ".yaml", true,
                    out -> out.write(RuleYaml.writeFile(groups).getBytes(StandardCharsets.UTF_8)));
            Files.deleteIfExists(root.resolve(tenant).resolve(namespace + ".yml"));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public synchronized boolean deleteNamespace(String tenant, String namespace) {
        try {
            boolean a = Files.deleteIfExists(file(tenant, namespace));
            boolean b = Files.deleteIfExists(root.resolve(tenant).resolve(namespace + ".yml"));
            return a || b;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Map<String, String> loadErrors() {
        return decoder.loadErrors();
    }

    private Optional<List<RuleGroup>> read(String tenant, String namespace, Path p) {
        try {
            return decoder.decode(tenant + "/" + p.getFileName(), Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String tenant, String namespace) {
        return root.resolve(tenant).resolve(namespace + ".yaml");
    }

    private static String namespaceOf(String file) {
        if (file.startsWith(".tmp-")) {
            return null;
        }
        if (file.endsWith(".yaml")) {
            return file.substring(0, file.length() - 5);
        }
        if (file.endsWith(".yml")) {
            return file.substring(0, file.length() - 4);
        }
        return null;
    }

    private StrataException unavailable(IOException e) {
        return new StrataException(ErrorCategory.UNAVAILABLE, "rule store " + root + " unavailable: " + e, e);
    }
}
