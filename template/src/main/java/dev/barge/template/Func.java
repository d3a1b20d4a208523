package dev.barge.template;

import java.util.List;

/**
 * A function callable from a template, or a method-like value in the data: a map entry holding a
 * Func is called with the action's arguments ({@code {{.Label "com.example"}}}), as Go calls a method.
 */
@FunctionalInterface
public interface Func {
    Object call(List<Object> args);
}
