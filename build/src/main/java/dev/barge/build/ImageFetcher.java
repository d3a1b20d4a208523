package dev.barge.build;

import dev.barge.distribution.Credentials;
import dev.barge.image.PlatformSpec;
import dev.barge.image.TransferProgress;
import java.util.function.Consumer;

/** Pulls a FROM image from its registry ({@code docker build --pull}); returns its ID. */
@FunctionalInterface
public interface ImageFetcher {
    String pull(String reference, PlatformSpec platform, Credentials credentials, Consumer<TransferProgress> progress);
}
