package io.strata.storage;

import java.util.List;

/**
 * What a query promises about the lines it wants, so storage may skip chunks and blocks whose
 * summaries prove they hold none: every wanted line contains each of {@code requiredSubstrings}
 * (case-sensitive, as bytes of UTF-8). Storage may ignore hints; they never change results.
 */
public record ScanHints(List<String> requiredSubstrings) {
    public static final ScanHints NONE = new ScanHints(List.of());

    public ScanHints {
        requiredSubstrings = List.copyOf(requiredSubstrings);
    }
}
