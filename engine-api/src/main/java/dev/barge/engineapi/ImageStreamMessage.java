package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One object of the JSON message streams of image load and import ({@code docker load}
 * prints {@code stream}, {@code docker import} the {@code status}); an error met after the
 * stream began travels as {@code errorDetail} + {@code error}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageStreamMessage(
        @JsonProperty("stream") String stream,
        @JsonProperty("status") String status,
        @JsonProperty("errorDetail") ErrorDetail errorDetail,
        @JsonProperty("error") String error) {

    public record ErrorDetail(@JsonProperty("message") String message) {}

    public static ImageStreamMessage stream(String text) {
        return new ImageStreamMessage(text, null, null, null);
    }

    public static ImageStreamMessage status(String text) {
        return new ImageStreamMessage(null, text, null, null);
    }

    public static ImageStreamMessage error(String message) {
        return new ImageStreamMessage(null, null, new ErrorDetail(message), message);
    }
}
