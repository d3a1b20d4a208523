package dev.barge.container;

import java.util.List;

/** {@code docker top}: ps's column titles and the container's rows. */
public record TopResult(List<String> titles, List<List<String>> processes) {}
