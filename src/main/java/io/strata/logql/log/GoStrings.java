package io.strata.logql.log;

/** Go {@code strings} and sprig string helpers used by template functions (rune-aware). */
final class GoStrings {
    private GoStrings() {}

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x85 || c == 0xA0
                || Character.isSpaceChar(c);
    }

    static String trimSpace(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.codePointAt(b))) {
            b += Character.charCount(s.codePointAt(b));
        }
        while (e > b && isSpace(s.codePointBefore(e))) {
            e -= Character.charCount(s.codePointBefore(e));
        }
        return s.substring(b, e);
    }

    static String trim(String s, String cutset, boolean left, boolean right) {
        int b = 0;
        int e = s.length();
        if (left) {
            while (b < e && cutset.indexOf(s.codePointAt(b)) >= 0) {
                b += Character.charCount(s.codePointAt(b));
            }
        }
        if (right) {
            while (e > b && cutset.indexOf(s.codePointBefore(e)) >= 0) {
                e -= Character.charCount(s.codePointBefore(e));
            }
        }
        return s.substring(b, e);
    }

    /** Go strings.Replace: n < 0 replaces all. */
    static String replace(String s, String old, String nw, int n) {
        if (n < 0) {
            if (old.isEmpty()) {
                return replaceEmpty(s, nw, Integer.MAX_VALUE);
            }
            return s.replace(old, nw);
        }
        if (old.isEmpty()) {
            return replaceEmpty(s, nw, n);
        }
        StringBuilder sb = new StringBuilder();
        int from = 0;
        int done = 0;
        while (done < n) {
            int i = s.indexOf(old, from);
            if (i < 0) {
                break;
            }
            sb.append(s, from, i).append(nw);
            from = i + old.length();
            done++;
        }
        return sb.append(s.substring(from)).toString();
    }

    private static String replaceEmpty(String s, String nw, int n) {
        StringBuilder sb = new StringBuilder();
        int done = 0;
        int i = 0;
        while (i <= s.length()) {
            if (done < n) {
                sb.append(nw);
                done++;
            }
            if (i == s.length()) {
                break;
            }
            int cp = s.codePointAt(i);
            sb.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    static String align(int count, String src, boolean left) {
        int[] runes = src.codePoints().toArray();
        int l = runes.length;
        if (count < 0 || count == l) {
            return src;
        }
        int pad = count - l;
        if (pad > 0) {
            return left ? src + " ".repeat(pad) : " ".repeat(pad) + src;
        }
        return left ? new String(runes, 0, count) : new String(runes, l - count, count);
    }

    /** Go strings.Title: upper-cases the first letter of each word. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int prev = ' ';
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(cp) : cp);
            prev = cp;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static boolean isSeparator(int r) {
        if (r <= 0x7F) {
            return !((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_');
        }
        if (Character.isLetterOrDigit(r)) {
            return false;
        }
        return isSpace(r);
    }

    /** sprig trunc (rune-safe). */
    static String trunc(int c, String s) {
        int[] r = s.codePoints().toArray();
        int l = r.length;
        if (c < 0 && l + c > 0) {
            return new String(r, l + c, -c);
        }
        if (c >= 0 && l > c) {
            return new String(r, 0, c);
        }
        return s;
    }

    /** Loki's safe substring (rune-based, clamps instead of panicking). */
    static String substring(int start, int end, String s) {
        int[] r = s.codePoints().toArray();
        int l = r.length;
        if (end > l) {
            end = l;
        }
        if (start > l) {
            start = l;
        }
        if (start < 0) {
            return end < 0 ? "" : new String(r, 0, end);
        }
        if (end < 0) {
            return new String(r, start, l - start);
        }
        if (start > end) {
            return "";
        }
        return new String(r, start, end - start);
    }

    static String indent(int spaces, String v) {
        String pad = " ".repeat(Math.max(0, spaces));
        return pad + v.replace("\n", "\n" + pad);
    }

    static String repeat(int count, String s) {
        if (count < 0) {
            throw new RuntimeException("strings: negative Repeat count");
        }
        return s.repeat(count);
    }
}
