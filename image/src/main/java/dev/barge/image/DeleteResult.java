package dev.barge.image;

/** One line of an image removal's answer: a reference removed, or an image or layer deleted. */
public sealed interface DeleteResult {
    /** A reference removed, in its familiar form ({@code busybox:latest}). */
    record Untagged(String reference) implements DeleteResult {}

    /** An image ID or a layer chain ID deleted. */
    record Deleted(String id) implements DeleteResult {}
}
