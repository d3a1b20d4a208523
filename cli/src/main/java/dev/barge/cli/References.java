package dev.barge.cli;

/** The client-side checks docker makes on image references before asking the daemon. */
final class References {
    private References() {}

    /** distribution/reference: repository names are lowercase; the error names the familiar path. */
    static void checkLowercase(String reference) {
        String repo = TagCommand.splitTag(reference)[0];
        if (repo.equals(repo.toLowerCase(java.util.Locale.ROOT))) return;
        String normalized = Containers.normalized(repo);
        String path = normalized.substring(normalized.indexOf('/') + 1);
        throw new StatusException(1, "invalid reference format: repository name (" + path + ") must be lowercase");
    }
}
