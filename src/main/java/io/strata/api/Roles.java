package io.strata.api;

import io.quarkus.runtime.StartupEvent;
import io.strata.cluster.Role;
import io.strata.config.StrataConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * This process's role ({@code strata.target}) and storage type ({@code strata.storage.type}), parsed
 * once; an invalid value fails the start with a message naming the setting. Beans that run only in
 * some roles ask here: {@link #runsBackend()} for the ruler and retention, {@link #acceptsWrites()}
 * for push and flush, {@link #servesQueries()} for the query API.
 */
@Singleton
public class Roles {
    private final Role role;
    private final boolean s3;

    @Inject
    Roles(StrataConfig config) {
        this.role = Role.parse(config.target());
        String type = config.storage().type().strip().toLowerCase(Locale.ROOT);
        this.s3 = switch (type) {
            case "local" -> false;
            case "s3" -> true;
            default -> throw new IllegalArgumentException("invalid strata.storage.type (STRATA_STORAGE_TYPE) '"
                    + config.storage().type() + "': expected local or s3");
        };
    }

    /** Public for tests and other wiring that builds one by hand. */
    public Roles(Role role, boolean s3) {
        this.role = role;
        this.s3 = s3;
    }

    void onStart(@Observes StartupEvent event) {
        // eager: a bad target fails the start
    }

    public Role role() {
        return role;
    }

    /** The ruler and retention run in this process ({@code all}, {@code backend}). */
    public boolean runsBackend() {
        return role.runsBackend();
    }

    /** Push and {@code /flush} ({@code all}, {@code write}). */
    public boolean acceptsWrites() {
        return role.acceptsWrites();
    }

    /** Query, tail and detected routes ({@code all}, {@code read}). */
    public boolean servesQueries() {
        return role.servesQueries();
    }

    /** Chunks and index live in S3 ({@code strata.storage.type=s3}). */
    public boolean s3() {
        return s3;
    }
}
