package dev.barge.store;

import dev.barge.core.Digest;

/** A committed blob of the content store: its digest and size in bytes. */
public record Blob(Digest digest, long size) {}
