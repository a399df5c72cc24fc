package io.strata.tenant.auth;

/**
 * What a route needs: a scope (null for public routes) and its {@link Tenancy}. {@code known} is
 * false for paths the table does not list; the HTTP layer should answer those 404 and never treat
 * them as public.
 */
public record RouteAccess(boolean known, Scope scope, Tenancy tenancy) {
    public static final RouteAccess UNKNOWN = new RouteAccess(false, null, Tenancy.NONE);
    public static final RouteAccess PUBLIC = new RouteAccess(true, null, Tenancy.NONE);

    /** Known and open to anyone (no credentials, no tenant), as in Loki. */
    public boolean isPublic() {
        return known && scope == null;
    }
}
