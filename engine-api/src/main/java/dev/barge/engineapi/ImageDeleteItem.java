package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code DELETE /images/{name}}: exactly one of the two fields is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageDeleteItem(@JsonProperty("Untagged") String untagged, @JsonProperty("Deleted") String deleted) {
    public static ImageDeleteItem untagged(String reference) {
        return new ImageDeleteItem(reference, null);
    }

    public static ImageDeleteItem deleted(String id) {
        return new ImageDeleteItem(null, id);
    }
}
