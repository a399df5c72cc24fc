package io.strata.tenant.access;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What part of one tenant's streams an identity may read. Either {@link #UNRESTRICTED} (no policy
 * configured) or a list of {@link StreamSelector}s, ORed: a stream is visible when its indexed
 * labels match at least one selector. A restricted policy with zero selectors allows nothing
 * ({@code lbac: []} never widens access).
 *
 * <p>Apply it where streams are selected (see README.md in this package), never by rewriting
 * query text.
 */
public record AccessPolicy(boolean unrestricted, List<StreamSelector> selectors) {
    /** No label restriction: every stream of the tenant is visible. */
    public static final AccessPolicy UNRESTRICTED = new AccessPolicy(true, List.of());

    public AccessPolicy {
        selectors = List.copyOf(selectors);
        if (unrestricted && !selectors.isEmpty()) {
            throw new IllegalArgumentException("an unrestricted policy has no selectors");
        }
    }

    /** A restricted policy; an empty list allows nothing. */
    public static AccessPolicy of(List<StreamSelector> selectors) {
        return new AccessPolicy(false, selectors);
    }

    /**
     * Parses selector texts such as {@code {namespace="prod"}}.
     *
     * @throws io.strata.model.StrataException (BAD_REQUEST) naming the first invalid selector
     */
    public static AccessPolicy parse(List<String> selectorTexts) {
        List<StreamSelector> out = new ArrayList<>(selectorTexts.size());
        for (String text : selectorTexts) {
            out.add(SelectorParser.parse(text));
        }
        return of(out);
    }

    /** Whether a stream with these indexed labels is visible under this policy. */
    public boolean allows(Labels streamLabels) {
        if (unrestricted) {
            return true;
        }
        for (StreamSelector s : selectors) {
            if (s.matches(streamLabels)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The matcher sets a storage lookup needs so that it only returns visible streams: for an
     * unrestricted policy the query's own matchers; otherwise one set per selector (query matchers
     * plus the selector's), whose results the caller unions (a stream may match several; dedupe by
     * fingerprint). An empty result means no stream is visible: do not call storage at all.
     */
    public List<List<Matcher>> restrict(List<Matcher> queryMatchers) {
        if (unrestricted) {
            return List.of(List.copyOf(queryMatchers));
        }
        List<List<Matcher>> out = new ArrayList<>(selectors.size());
        for (StreamSelector s : selectors) {
            List<Matcher> combined = new ArrayList<>(queryMatchers.size() + s.matchers().size());
            combined.addAll(queryMatchers);
            combined.addAll(s.matchers());
            out.add(List.copyOf(combined));
        }
        return List.copyOf(out);
    }

    /** A stable text for cache keys (results cached for one policy must never serve another). */
    public String cacheKey() {
        if (unrestricted) {
            return "*";
        }
        StringBuilder sb = new StringBuilder();
        for (StreamSelector s : selectors) {
            sb.append(s).append(';');
        }
        return sb.toString();
    }
}
