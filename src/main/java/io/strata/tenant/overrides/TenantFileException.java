package io.strata.tenant.overrides;

/** A {@code tenants/} file that cannot be used; the message says which file and why. */
public final class TenantFileException extends Exception {
    public TenantFileException(String message) {
        super(message);
    }
}
