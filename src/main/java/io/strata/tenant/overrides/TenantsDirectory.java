package io.strata.tenant.overrides;

import io.strata.tenant.auth.BasicUser;
import io.strata.tenant.auth.TenantIds;
import io.strata.tenant.auth.UserDirectory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Watches {@code tenants/} ({@code STRATA_TENANTS_DIR}, default {@code ./tenants}): one
 * {@code <tenant>.yaml} (or {@code .yml}) per tenant. {@link #reload()} reads every file, parses the
 * changed ones ({@link TenantFileParser}) and publishes a new {@link TenantsSnapshot}:
 * <ul>
 *   <li>a new or changed valid file replaces its tenant's entry; a deleted file removes it;</li>
 *   <li>an invalid or unreadable file is logged once (per content) and the tenant's previous valid
 *   version stays in force (or no entry, if it never had one);</li>
 *   <li>a file whose username is already used by another tenant is invalid; already-accepted
 *   users keep their names, so a later file cannot steal one;</li>
 *   <li>a missing or unreadable directory keeps the whole previous snapshot.</li>
 * </ul>
 * Changes are detected by content hash (SHA-256), so a rewrite within one mtime tick is still
 * seen. {@link #start(Duration)} polls on a daemon thread (default every 5 s).
 *
 * <p>Ownership: the snapshot reference is volatile and replaced whole; {@link #reload()} is
 * synchronized, so per-file state is only touched under this object's lock.
 */
public final class TenantsDirectory implements UserDirectory, AutoCloseable {
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    /** {@code STRATA_TENANTS_DIR} default. */
    public static final Path DEFAULT_DIR = Path.of("tenants");
    private static final Logger LOG = Logger.getLogger(TenantsDirectory.class);

    private final Path dir;
    private final List<Consumer<TenantsSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> seenHash = new HashMap<>(); // tenant -> last content hash looked at
    private final Map<String, String> lastError = new HashMap<>(); // tenant -> error logged for it
    private volatile TenantsSnapshot snapshot = TenantsSnapshot.EMPTY;
    private ScheduledExecutorService poller;
    private boolean dirMissingLogged;

    public TenantsDirectory(Path dir) {
        this.dir = Objects.requireNonNull(dir);
    }

    /** The directory as configured. */
    public Path dir() {
        return dir;
    }

    public TenantsSnapshot snapshot() {
        return snapshot;
    }

    /** Raw limit overrides of a tenant: Loki limit name → value text. */
    public Map<String, String> limits(String tenant) {
        return snapshot.limits(tenant);
    }

    @Override
    public BasicUser find(String username) {
        return snapshot.find(username);
    }

    @Override
    public int typicalCost() {
        return snapshot.typicalCost();
    }

    /** Called with each new snapshot (on the polling thread). */
    public void addListener(Consumer<TenantsSnapshot> listener) {
        listeners.add(listener);
    }

    /** Loads once now, then polls every {@code period} on a daemon thread. */
    public synchronized void start(Duration period) {
        if (poller != null) {
            throw new IllegalStateException("already started");
        }
        reload();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-tenants-watch");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, period.toMillis());
        poller.scheduleWithFixedDelay(this::reloadQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.errorf(e, "tenants/: reload failed; keeping the previous configuration");
        }
    }

    /** Scans the directory once; returns true when a new snapshot was published. */
    public synchronized boolean reload() {
        Map<String, Path> files = list();
        if (files == null) {
            return false;
        }
        TenantsSnapshot before = snapshot;
        Map<String, TenantFile> accepted = new TreeMap<>(before.tenants());
        List<String> present = tenantsOf(files);
        boolean changed = accepted.keySet().retainAll(present);
        seenHash.keySet().retainAll(present);
        lastError.keySet().removeIf(k -> !k.startsWith("\0") && !present.contains(k));
        if (changed) {
            LOG.infof("tenants/: removed the configuration of tenant(s) whose file is gone");
        }
        List<TenantFile> candidates = new ArrayList<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            TenantFile candidate = readIfChanged(e.getKey(), e.getValue(), accepted.get(tenantOf(e.getKey())));
            if (candidate != null) {
                candidates.add(candidate);
            }
        }
        // two passes, so a user moving from one file to another is accepted whatever the order
        for (int pass = 0; pass < 2 && !candidates.isEmpty(); pass++) {
            List<TenantFile> retry = new ArrayList<>();
            for (TenantFile c : candidates) {
                String clash = clash(c, accepted);
                if (clash == null) {
                    accepted.put(c.tenant(), c);
                    lastError.remove(c.tenant());
                    changed = true;
                    LOG.infof("tenants/: loaded tenant '%s' (%d limit override(s), %d user(s))", c.tenant(),
                            c.limits().size(), c.users().size());
                } else if (pass == 0) {
                    retry.add(c);
                } else {
                    reject(c.tenant(), "user '" + clash + "' already belongs to another tenant (usernames are unique)");
                    seenHash.remove(c.tenant()); // parse again next time: the other tenant may release the name
                }
            }
            candidates = retry;
        }
        if (!changed) {
            return false;
        }
        TenantsSnapshot next = TenantsSnapshot.of(accepted);
        snapshot = next;
        for (Consumer<TenantsSnapshot> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.errorf(e, "tenants/: a listener failed");
            }
        }
        return true;
    }

    /** The parsed file when its content changed and parses, else null (errors are logged). */
    private TenantFile readIfChanged(String fileName, Path path, TenantFile current) {
        String tenant = tenantOf(fileName);
        byte[] bytes;
        try {
            if (Files.size(path) > TenantFileParser.MAX_FILE_CHARS) {
                reject(tenant, "file larger than 1 MiB");
                return null;
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException | SecurityException e) {
            reject(tenant, "cannot read " + path + ": " + e.getClass().getSimpleName());
            return null;
        }
        String hash = sha256(bytes);
        if (current != null && hash.equals(current.contentHash())) {
            seenHash.put(tenant, hash);
            lastError.remove(tenant);
            return null;
        }
        if (hash.equals(seenHash.get(tenant))) {
            return null;
        }
        seenHash.put(tenant, hash);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return TenantFileParser.parse(tenant, text, hash);
        } catch (CharacterCodingException e) {
            reject(tenant, "not UTF-8");
        } catch (TenantFileException e) {
            reject(tenant, e.getMessage());
        }
        return null;
    }

    private void reject(String tenant, String reason) {
        if (reason.equals(lastError.get(tenant))) {
            return;
        }
        lastError.put(tenant, reason);
        boolean hasPrevious = snapshot.tenants().containsKey(tenant);
        LOG.errorf("tenants/%s.yaml is invalid: %s; %s", tenant, reason,
                hasPrevious ? "keeping its previous valid version" : "the tenant keeps the defaults and has no users");
    }

    private String clash(TenantFile candidate, Map<String, TenantFile> accepted) {
        for (BasicUser u : candidate.users()) {
            for (TenantFile other : accepted.values()) {
                if (other.tenant().equals(candidate.tenant())) {
                    continue;
                }
                for (BasicUser o : other.users()) {
                    if (o.username().equals(u.username())) {
                        return u.username();
                    }
                }
            }
        }
        return null;
    }

    /** File name → path of the tenant files; null when the directory cannot be listed. */
    private Map<String, Path> list() {
        if (!Files.isDirectory(dir)) {
            if (!dirMissingLogged) {
                dirMissingLogged = true;
                LOG.warnf("tenants/: directory %s does not exist; %s", dir, snapshot.tenants().isEmpty()
                        ? "no per-tenant overrides or users" : "keeping the previous configuration");
            }
            return null;
        }
        dirMissingLogged = false;
        Map<String, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || !(name.endsWith(".yaml") || name.endsWith(".yml"))
                        || !Files.isRegularFile(p)) {
                    continue;
                }
                String tenant = tenantOf(name);
                if (!TenantIds.isValid(tenant)) {
                    if (lastError.putIfAbsent("\0" + name, "invalid") == null) {
                        LOG.errorf("tenants/%s: the file name is not a valid tenant ID; ignored", name);
                    }
                    continue;
                }
                if (out.containsKey(tenant + ".yaml") || out.containsKey(tenant + ".yml")) {
                    LOG.errorf("tenants/: both %s.yaml and %s.yml exist; using %s.yaml", tenant, tenant, tenant);
                    out.remove(tenant + ".yml");
                    if (name.endsWith(".yml")) {
                        continue;
                    }
                }
                out.put(name, p);
            }
        } catch (IOException | SecurityException e) {
            LOG.errorf("tenants/: cannot list %s (%s); keeping the previous configuration", dir, e.toString());
            return null;
        }
        return out;
    }

    private static List<String> tenantsOf(Map<String, Path> files) {
        return files.keySet().stream().map(TenantsDirectory::tenantOf).toList();
    }

    private static String tenantOf(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
