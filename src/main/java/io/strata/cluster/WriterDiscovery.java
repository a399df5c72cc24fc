package io.strata.cluster;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The writers a reader asks for unflushed data: every address of every configured
 * {@link WriterAddress}, re-resolved once the last resolution is older than the refresh period
 * (so the pods behind a Kubernetes headless Service are followed as they come and go).
 *
 * <p>Resolution happens on the calling thread, at most one thread at a time: others keep using
 * the previous list meanwhile. A host that fails to resolve keeps its last known addresses
 * (none before the first success) and is reported once per failure streak. Thread-safe.
 */
public final class WriterDiscovery {
    private static final System.Logger LOG = System.getLogger(WriterDiscovery.class.getName());

    /** Name resolution, {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM_RESOLVER = host -> Arrays.asList(InetAddress.getAllByName(host));

    private final List<WriterAddress> configured;
    private final Resolver resolver;
    private final long refreshNanos;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Map<WriterAddress, List<String>> lastKnown = new ConcurrentHashMap<>();
    private final Set<WriterAddress> failing = ConcurrentHashMap.newKeySet();
    private volatile List<String> current = List.of();
    private volatile long resolvedAtMillis = Long.MIN_VALUE;

    public WriterDiscovery(List<WriterAddress> configured, Resolver resolver, Duration refresh, Clock clock) {
        this.configured = List.copyOf(configured);
        this.resolver = resolver;
        this.refreshNanos = refresh.toNanos();
        this.clock = clock;
    }

    /** Whether any writer is configured at all. */
    public boolean isEmpty() {
        return configured.isEmpty();
    }

    /**
     * The writers now, as {@code ip:port} authorities ({@code [v6]:port}), without duplicates, in
     * configuration order; re-resolves first when the last resolution is stale.
     */
    public List<String> writers() {
        long now = clock.millis();
        long last = resolvedAtMillis;
        boolean stale = last == Long.MIN_VALUE || (now - last) * 1_000_000L >= refreshNanos;
        if (stale && refreshing.compareAndSet(false, true)) {
            try {
                current = resolveAll();
                resolvedAtMillis = now;
            } finally {
                refreshing.set(false);
            }
        }
        return current;
    }

    private List<String> resolveAll() {
        Set<String> out = new LinkedHashSet<>();
        for (WriterAddress a : configured) {
            try {
                List<String> found = new ArrayList<>();
                for (InetAddress ip : resolver.resolve(a.host())) {
                    found.add(authority(ip, a.port()));
                }
                lastKnown.put(a, List.copyOf(found));
                if (failing.remove(a)) {
                    LOG.log(System.Logger.Level.INFO, "writer address {0} resolves again: {1}", a, found);
                }
            } catch (UnknownHostException | RuntimeException e) {
                if (failing.add(a)) {
                    LOG.log(System.Logger.Level.WARNING, "cannot resolve writer address {0} ({1}); keeping {2}",
                            a, e.toString(), lastKnown.getOrDefault(a, List.of()));
                }
            }
            out.addAll(lastKnown.getOrDefault(a, List.of()));
        }
        return List.copyOf(out);
    }

    static String authority(InetAddress ip, int port) {
        String host = ip.getHostAddress();
        if (ip instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
        }
        return host + ":" + port;
    }
}
