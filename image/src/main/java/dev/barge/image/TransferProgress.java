package dev.barge.image;

/**
 * One line of pull or push progress, as Docker's CLI renders it: a status for an ID (a tag, a
 * layer's short digest) and, while bytes move, how many of how many.
 *
 * @param id      empty for lines about the whole transfer ("Digest: ...", "Status: ...")
 * @param kind    a plain message, or a layer's step (which Docker sends with a progress detail)
 * @param current bytes done, -1 when the line has no byte count
 * @param total   bytes in all, -1 when the line has no byte count
 */
public record TransferProgress(String id, Kind kind, String status, long current, long total) {
    /** Docker's two kinds of progress line: {@code progress.Message} and {@code progress.Update}. */
    public enum Kind { MESSAGE, STEP }

    public TransferProgress(String id, String status, long current, long total) {
        this(id, Kind.STEP, status, current, total);
    }

    /** A layer's step without a byte count ("Pulling fs layer", "Pushed"). */
    public static TransferProgress of(String id, String status) {
        return new TransferProgress(id, Kind.STEP, status, -1, -1);
    }

    /** A message about an ID ("Pulling from library/busybox" for "latest"). */
    public static TransferProgress message(String id, String status) {
        return new TransferProgress(id, Kind.MESSAGE, status, -1, -1);
    }

    /** A line about the whole transfer. */
    public static TransferProgress line(String status) {
        return new TransferProgress("", Kind.MESSAGE, status, -1, -1);
    }

    public boolean hasDetail() {
        return total >= 0;
    }
}
