package dev.barge.template;

/**
 * A map standing for one of Docker's typed contexts (a Go struct): a field it lacks is an error
 * naming the type ("can't evaluate field Nope in type *formatter.imageContext"), not
 * {@code <no value>} as for a real map.
 */
public interface GoStruct {
    /** The Go type as text/template names it, e.g. {@code *formatter.ContainerContext}. */
    String goType();
}
