package dev.barge.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.barge.core.Digest;
import dev.barge.core.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The OCI image configuration (the blob whose digest is the image ID), with the field names of
 * the OCI image spec. Parsed for reading only: the raw bytes are kept next to it and never
 * re-serialised, since a different serialisation would be a different image ID.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageConfig(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("variant") String variant,
        @JsonProperty("created") String created,
        @JsonProperty("author") String author,
        @JsonProperty("comment") String comment,
        @JsonProperty("docker_version") String dockerVersion,
        @JsonProperty("config") RunConfig config,
        @JsonProperty("rootfs") RootFs rootfs,
        @JsonProperty("history") List<HistoryEntry> history) {

    public ImageConfig {
        architecture = architecture == null ? "" : architecture;
        os = os == null ? "" : os;
        variant = variant == null ? "" : variant;
        created = created == null ? "" : created;
        author = author == null ? "" : author;
        comment = comment == null ? "" : comment;
        dockerVersion = dockerVersion == null ? "" : dockerVersion;
        config = config == null ? RunConfig.EMPTY : config;
        rootfs = rootfs == null ? new RootFs("layers", List.of()) : rootfs;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** {@code rootfs} of the config: the layers' diff IDs, bottom first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {
        public RootFs {
            type = type == null ? "layers" : type;
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }
    }

    /** One step of how the image was made; {@code empty_layer} steps added no layer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record HistoryEntry(
            @JsonProperty("created") String created,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("author") String author,
            @JsonProperty("comment") String comment,
            @JsonProperty("empty_layer") boolean emptyLayer) {
        public HistoryEntry {
            created = created == null ? "" : created;
            createdBy = createdBy == null ? "" : createdBy;
            author = author == null ? "" : author;
            comment = comment == null ? "" : comment;
        }

        public Optional<Instant> createdInstant() {
            return parseTime(created);
        }
    }

    public static ImageConfig parse(byte[] json) {
        return Json.parse(json, ImageConfig.class);
    }

    /** The layers' diff IDs, validated. */
    public List<Digest> diffIds() {
        return rootfs.diffIds().stream().map(Digest::parse).toList();
    }

    public Optional<Instant> createdInstant() {
        return parseTime(created);
    }

    static Optional<Instant> parseTime(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
