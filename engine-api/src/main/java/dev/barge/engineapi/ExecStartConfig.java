package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /exec/{id}/start}'s body. */
public record ExecStartConfig(@JsonProperty("Detach") boolean detach, @JsonProperty("Tty") boolean tty,
                              @JsonProperty("ConsoleSize") List<Integer> consoleSize) {}
