package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One object of the JSON message streams of image load and import ({@code docker load}
 * prints {@code stream}, {@code docker import} the {@code status}). Errors met after the
 * stream began travel as {@link dev.barge.engineapi.StreamError}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageStreamMessage(@JsonProperty("stream") String stream, @JsonProperty("status") String status) {
    public static ImageStreamMessage stream(String text) {
        return new ImageStreamMessage(text, null);
    }

    public static ImageStreamMessage status(String text) {
        return new ImageStreamMessage(null, text);
    }
}
