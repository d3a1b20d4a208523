package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /networks/create} answer. */
public record NetworkCreateResponse(@JsonProperty("Id") String id, @JsonProperty("Warning") String warning) {}
