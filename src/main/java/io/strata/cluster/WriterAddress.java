package io.strata.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One configured writer address, {@code host:port}: a host name (every address it resolves to is
 * one writer, so a Kubernetes headless Service names them all) or an IP literal ({@code [::1]:3100}
 * for IPv6).
 */
public record WriterAddress(String host, int port) {
    public WriterAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("writer address without a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("writer port out of range: " + port);
        }
    }

    /**
     * Parses {@code strata.writers}: {@code host:port[,host:port...]}, blanks ignored.
     *
     * @throws IllegalArgumentException for an entry without a valid port
     */
    public static List<WriterAddress> parseList(String text) {
        List<WriterAddress> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(parse(p));
            }
        }
        return List.copyOf(out);
    }

    static WriterAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw invalid(text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw invalid(text);
        }
        try {
            return new WriterAddress(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid strata.writers (STRATA_WRITERS) entry '" + text
                + "': expected host:port");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
