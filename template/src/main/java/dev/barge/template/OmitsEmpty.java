package dev.barge.template;

/**
 * A map standing for a Go struct value: fmt prints its field values in order ({@code {a b}}), and
 * the json function leaves out its {@code json:",omitempty"} fields when they hold their zero
 * value, as encoding/json does.
 */
public interface OmitsEmpty {
    boolean omitsEmpty(String field);
}
