package dev.barge.runtime.oci;

/**
 * One edit of an OCI spec ({@code WithHostname}, {@code WithUser}... in containerd's words).
 * Options apply in order; a later option may read what an earlier one set (seccomp reads the
 * capabilities), so {@link SpecBuilder} fixes the order.
 */
@FunctionalInterface
public interface SpecOption {
    void apply(SpecContext context, Spec spec);
}
