/**
 * Scale-out plumbing in plain Java (no Quarkus, no Vert.x): the process {@link io.strata.cluster.Role},
 * writer discovery (static list, every address of a DNS name), and the reader side of the writers'
 * internal HTTP API ({@link io.strata.cluster.WriterClient} over {@code java.net.http}), merged with the
 * store by {@link io.strata.cluster.ClusterReader}. May use {@code storage} and {@code model} only; the
 * {@code api} package wires it and serves the writer side. Wire protocol: README.md.
 */
package io.strata.cluster;
