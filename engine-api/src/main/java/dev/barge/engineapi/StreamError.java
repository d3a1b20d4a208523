package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An error reported inside a JSON message stream (pull, load, build), after the 200 was sent. */
public record StreamError(@JsonProperty("errorDetail") Detail errorDetail, @JsonProperty("error") String error) {
    public static StreamError of(String message) {
        return new StreamError(new Detail(message), message);
    }

    public record Detail(@JsonProperty("message") String message) {}
}
