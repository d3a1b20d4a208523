package dev.barge.image;

import dev.barge.core.Digest;

/** What a push of one tag produced: Docker's {@code aux} message {@code {"Tag","Digest","Size"}}. */
public record PushResult(String tag, Digest digest, long size) {}
