/**
 * Quarkus @ConfigMapping interfaces (prefix strata.), turned into plain option records for the core. Depends on nothing of ours but model.
 */
package io.strata.config;
