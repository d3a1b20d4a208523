package dev.barge.container;

import dev.barge.runtime.logs.LogEntry;
import java.io.IOException;

/** Receives a container's log entries; an IOException (the client went away) ends the read. */
@FunctionalInterface
public interface LogSink {
    void accept(LogEntry entry) throws IOException;
}
