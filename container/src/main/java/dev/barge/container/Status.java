package dev.barge.container;

/** A container's lifecycle state, with Docker's word for it ({@code State.Status}). */
public enum Status {
    CREATED("created"), RUNNING("running"), PAUSED("paused"), RESTARTING("restarting"), EXITED("exited"),
    REMOVING("removing"), DEAD("dead");

    private final String word;

    Status(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** True while a process exists (running, paused). */
    public boolean hasProcess() {
        return this == RUNNING || this == PAUSED;
    }

    public static Status ofWord(String word) {
        for (Status s : values()) {
            if (s.word.equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status " + word);
    }
}
