package dev.barge.template;

/**
 * A map whose missing keys read as a zero value instead of {@code <no value>}, as a Go
 * {@code map[string]string} does (Docker's table headers are such a map).
 */
public interface ZeroValued {
    Object zeroValue();
}
