package dev.barge.linux;

import java.io.IOException;

/** A failed system call: the message says what was attempted and the kernel's words for why. */
public final class ErrnoException extends IOException {
    private final int errno;

    public ErrnoException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
