package io.strata.logql.log;

import io.strata.model.Labels;
import io.strata.model.StrataException;

/**
 * The {@code ip("…")} pattern: a single address, a CIDR prefix or an {@code a-b} range, IPv4 or
 * IPv6 (Go {@code netip} parsing rules: no leading zeros in IPv4 octets; families never mix).
 * {@link #findIn} scans text for address-looking spans the way Loki does and reports whether any
 * of them lies in the pattern. Immutable.
 */
public final class IpMatcher {
    private static final boolean[] V4 = charset("0123456789.");
    private static final boolean[] V6 = charset("0123456789abcdefABCDEF:.");

    private final boolean v6;
    private final long fromHi;
    private final long fromLo;
    private final long toHi;
    private final long toLo;

    private IpMatcher(boolean v6, long fromHi, long fromLo, long toHi, long toLo) {
        this.v6 = v6;
        this.fromHi = fromHi;
        this.fromLo = fromLo;
        this.toHi = toHi;
        this.toLo = toLo;
    }

    public static IpMatcher parse(String pattern) {
        long[] a = parseAddress(pattern);
        if (a != null) {
            return new IpMatcher(a[2] == 1, a[0], a[1], a[0], a[1]);
        }
        int slash = pattern.indexOf('/');
        if (slash > 0) {
            long[] base = parseAddress(pattern.substring(0, slash));
            String bits = pattern.substring(slash + 1);
            if (base != null && !bits.isEmpty() && bits.chars().allMatch(Character::isDigit) && bits.length() <= 3
                    && (bits.length() == 1 || bits.charAt(0) != '0')) {
                int n = Integer.parseInt(bits);
                int width = base[2] == 1 ? 128 : 32;
                if (n <= width) {
                    int hostBits = width - n;
                    long[] lo = mask(base, hostBits, false);
                    long[] hi = mask(base, hostBits, true);
                    return new IpMatcher(base[2] == 1, lo[0], lo[1], hi[0], hi[1]);
                }
            }
        }
        int dash = pattern.indexOf('-');
        if (dash > 0) {
            long[] from = parseAddress(pattern.substring(0, dash));
            long[] to = parseAddress(pattern.substring(dash + 1));
            if (from != null && to != null && from[2] == to[2] && compare(from[0], from[1], to[0], to[1]) <= 0) {
                return new IpMatcher(from[2] == 1, from[0], from[1], to[0], to[1]);
            }
        }
        throw StrataException.badRequest("ip: invalid pattern: " + Labels.quote(pattern));
    }

    private static long[] mask(long[] a, int hostBits, boolean ones) {
        long hi = a[0];
        long lo = a[1];
        if (hostBits >= 64) {
            long m = hostBits >= 128 ? -1L : (1L << (hostBits - 64)) - 1;
            hi = ones ? hi | m : hi & ~m;
            lo = ones ? -1L : 0;
        } else if (hostBits > 0) {
            long m = (1L << hostBits) - 1;
            lo = ones ? lo | m : lo & ~m;
        }
        return new long[] {hi, lo};
    }

    private static int compare(long ah, long al, long bh, long bl) {
        int c = Long.compareUnsigned(ah, bh);
        return c != 0 ? c : Long.compareUnsigned(al, bl);
    }

    /** Whether the text address lies in the pattern (false if it is no address). */
    public boolean contains(String address) {
        long[] a = parseAddress(address);
        return a != null && contains(a);
    }

    private boolean contains(long[] a) {
        return (a[2] == 1) == v6 && compare(a[0], a[1], fromHi, fromLo) >= 0 && compare(a[0], a[1], toHi, toLo) <= 0;
    }

    /** Loki's scan: any IPv4/IPv6-looking span of the text that parses and lies in the pattern. */
    public boolean findIn(byte[] b, int off, int len) {
        int n = off + len;
        for (int i = off; i < n; i++) {
            if (i + 3 < n && isDigit(b[i]) && (b[i + 1] == '.' || b[i + 2] == '.' || b[i + 3] == '.')) {
                int l = span(b, i, n, V4);
                if (contains(new String(b, i, l, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                    return true;
                }
                i += l;
                continue;
            }
            if (ipv6Hint(b, i, n)) {
                int l = span(b, i, n, V6);
                if (contains(new String(b, i, l, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                    return true;
                }
                i += l;
            }
        }
        return false;
    }

    private static boolean ipv6Hint(byte[] b, int i, int n) {
        byte c0 = at(b, i, n);
        byte c1 = at(b, i + 1, n);
        byte c2 = at(b, i + 2, n);
        byte c3 = at(b, i + 3, n);
        byte c4 = at(b, i + 4, n);
        return (c0 == ':' && c1 == ':' && isHex(c2))
                || (isHex(c0) && c1 == ':')
                || (isHex(c0) && isHex(c1) && c2 == ':')
                || (isHex(c0) && isHex(c1) && isHex(c2) && c3 == ':')
                || (isHex(c0) && isHex(c1) && isHex(c2) && isHex(c3) && c4 == ':');
    }

    private static byte at(byte[] b, int i, int n) {
        return i < n ? b[i] : 0;
    }

    private static int span(byte[] b, int i, int n, boolean[] set) {
        int j = i;
        while (j < n && set[b[j] & 0xFF]) {
            j++;
        }
        return j - i;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(byte c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean[] charset(String s) {
        boolean[] set = new boolean[256];
        for (char c : s.toCharArray()) {
            set[c] = true;
        }
        return set;
    }

    /** {hi, lo, isV6} or null. */
    static long[] parseAddress(String s) {
        if (s.indexOf(':') >= 0) {
            return parseV6(s);
        }
        long v4 = parseV4(s);
        return v4 < 0 ? null : new long[] {0, v4, 0};
    }

    private static long parseV4(String s) {
        long v = 0;
        int parts = 0;
        int i = 0;
        while (i <= s.length()) {
            int start = i;
            int val = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                val = val * 10 + (s.charAt(i) - '0');
                if (val > 255) {
                    return -1;
                }
                i++;
            }
            int digits = i - start;
            if (digits == 0 || (digits > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            v = (v << 8) | val;
            parts++;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
        return parts == 4 ? v : -1;
    }

    private static long[] parseV6(String s) {
        int[] groups = new int[8];
        int n = 0;
        int ellipsis = -1;
        int i = 0;
        if (s.startsWith("::")) {
            ellipsis = 0;
            i = 2;
            if (s.length() == 2) {
                return new long[] {0, 0, 1};
            }
        }
        while (i < s.length()) {
            int start = i;
            int val = 0;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                val = val * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i == start) {
                return null;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                if (n > 6) {
                    return null;
                }
                long v4 = parseV4(s.substring(start));
                if (v4 < 0) {
                    return null;
                }
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xffff);
                i = s.length();
                break;
            }
            if (n == 8) {
                return null;
            }
            groups[n++] = val;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < s.length() && s.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = n;
                i++;
                if (i == s.length()) {
                    break;
                }
            } else if (i == s.length()) {
                return null;
            }
        }
        if (ellipsis >= 0) {
            if (n == 8) {
                return null;
            }
            int shift = 8 - n;
            System.arraycopy(groups, ellipsis, groups, ellipsis + shift, n - ellipsis);
            for (int k = ellipsis; k < ellipsis + shift; k++) {
                groups[k] = 0;
            }
        } else if (n != 8) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | groups[k];
            lo = (lo << 16) | groups[k + 4];
        }
        return new long[] {hi, lo, 1};
    }
}
