package dev.barge.cli.args;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Positional arguments on a field: index "0", or "1..*" into a List&lt;String&gt;. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Parameters {
    String index() default "0";

    /** "1" (required), "0..1" (optional), "1..*" or "0..*" (lists); by default one, required. */
    String arity() default "";

    String paramLabel() default "";
}
