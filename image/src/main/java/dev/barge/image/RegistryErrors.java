package dev.barge.image;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.ImageReference;
import dev.barge.distribution.ErrorCode;
import dev.barge.distribution.RegistryException;

/** Registry failures in Docker's words, for pull and push. */
final class RegistryErrors {
    private RegistryErrors() {}

    static BargeException pull(RegistryException e, ImageReference ref) {
        if (e.hasCode(ErrorCode.MANIFEST_UNKNOWN) || e.status() == 404 && e.errors().isEmpty()) {
            return new BargeException(ErrorKind.NOT_FOUND, "manifest for " + ref.familiar() + " not found: "
                    + (e.errors().isEmpty() ? "manifest unknown: manifest unknown" : e.getMessage()), e);
        }
        if (e.hasCode(ErrorCode.NAME_UNKNOWN) || e.status() == 401 || e.status() == 403) {
            return new BargeException(e.status() == 404 ? ErrorKind.NOT_FOUND : e.kind(), "pull access denied for "
                    + ref.familiarRepository() + ", repository does not exist or may require 'docker login': " + e.getMessage(), e);
        }
        return e.toBarge("");
    }

    static BargeException push(RegistryException e) {
        return e.toBarge("");
    }
}
