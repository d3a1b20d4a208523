package dev.barge.template;

import java.util.function.Supplier;

/**
 * A data value computed only when a template reads it (or json prints it): costly fields of a
 * row, such as a local-time date, cost nothing when the format does not show them.
 */
public record Lazy(Supplier<?> supplier) {
    public Object get() {
        return supplier.get();
    }
}
