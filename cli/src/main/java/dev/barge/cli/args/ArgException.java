package dev.barge.cli.args;

/** The command line does not fit the command: a bad flag, or a wrong number of arguments. */
public final class ArgException extends Exception {
    /** Whether the positional arguments are too few or too many (else a flag is wrong). */
    private final boolean argumentCount;

    ArgException(String message, boolean argumentCount) {
        super(message, null, false, false);
        this.argumentCount = argumentCount;
    }

    public boolean argumentCount() {
        return argumentCount;
    }
}
