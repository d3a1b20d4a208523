package dev.barge.image;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.ImageReference;
import dev.barge.distribution.ErrorCode;
import dev.barge.distribution.RegistryException;

/**
 * Registry failures in Docker's words (moby's translatePullError): a denied, unknown
 * repository or unknown manifest is NOT_FOUND with Docker's sentence; anything else keeps the
 * registry's message. Never UNAUTHORIZED: that status would make the CLI prompt for a login
 * about the daemon, which dockerd never asks for.
 */
final class RegistryErrors {
    private RegistryErrors() {}

    static BargeException pull(RegistryException e, ImageReference ref) {
        if (e.hasCode(ErrorCode.DENIED)) {
            return new BargeException(ErrorKind.NOT_FOUND, "pull access denied for " + ref.familiarRepository()
                    + ", repository does not exist or may require 'docker login': " + e.getMessage(), e);
        }
        if (e.hasCode(ErrorCode.MANIFEST_UNKNOWN) || e.status() == 404 && e.errors().isEmpty()) {
            return new BargeException(ErrorKind.NOT_FOUND, "manifest for " + ref.familiar() + " not found: "
                    + (e.errors().isEmpty() ? "manifest unknown: manifest unknown" : e.getMessage()), e);
        }
        if (e.hasCode(ErrorCode.NAME_UNKNOWN)) {
            return new BargeException(ErrorKind.NOT_FOUND, "repository " + ref.familiarRepository() + " not found: " + e.getMessage(), e);
        }
        return other(e);
    }

    static BargeException push(RegistryException e) {
        return other(e);
    }

    private static BargeException other(RegistryException e) {
        ErrorKind kind = e.kind() == ErrorKind.UNAUTHORIZED ? ErrorKind.INTERNAL : e.kind();
        String message = e.status() == 401 && e.errors().isEmpty() ? "unauthorized: authentication required" : e.getMessage();
        return new BargeException(kind, message, e);
    }
}
