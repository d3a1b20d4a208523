package dev.barge.image;

/**
 * One line of pull or push progress, as Docker's CLI renders it: a status for an ID (a tag, a
 * layer's short digest) and, while bytes move, how many of how many.
 *
 * @param id      empty for lines about the whole transfer ("Digest: ...", "Status: ...")
 * @param current bytes done, -1 when the line has no byte count
 * @param total   bytes in all, -1 when the line has no byte count
 */
public record TransferProgress(String id, String status, long current, long total) {
    public static TransferProgress of(String id, String status) {
        return new TransferProgress(id, status, -1, -1);
    }

    public static TransferProgress line(String status) {
        return new TransferProgress("", status, -1, -1);
    }

    public boolean hasDetail() {
        return total >= 0;
    }
}
