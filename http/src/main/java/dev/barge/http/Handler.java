package dev.barge.http;

/** Handles one exchange, blocking as it likes: it runs on a virtual thread of its own. */
@FunctionalInterface
public interface Handler {
    void handle(Exchange exchange) throws Exception;
}
