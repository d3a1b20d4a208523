package dev.barge.api.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** When this build was made: the modification time of our classes, in moby's format. */
final class BuildTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");

    private BuildTime() {}

    static String of(Class<?> type) {
        Instant when;
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            when = Files.getLastModifiedTime(location).toInstant();
        } catch (Exception e) {
            when = Instant.EPOCH;
        }
        return FORMAT.format(when.atOffset(ZoneOffset.UTC));
    }
}
