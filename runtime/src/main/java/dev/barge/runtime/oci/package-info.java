/**
 * The OCI runtime spec built from small options ({@link dev.barge.runtime.oci.SpecOption}), in
 * containerd's manner: each option edits one concern (env, user, mounts, capabilities, seccomp,
 * namespaces, cgroups, rlimits) and is unit-tested alone. {@link dev.barge.runtime.oci.SpecBuilder}
 * fixes their order; {@link dev.barge.runtime.oci.HostFacts} caps what a container may get by
 * what barged itself holds.
 */
package dev.barge.runtime.oci;
