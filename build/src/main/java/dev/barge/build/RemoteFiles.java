package dev.barge.build;

import dev.barge.core.BargeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code ADD https://...}: the file is downloaded as Docker's legacy builder does it — named after
 * the URL's last path segment, mode 0600, its time taken from {@code Last-Modified}, and never
 * unpacked.
 */
final class RemoteFiles {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    private RemoteFiles() {
    }

    static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /** Downloads {@code url} into {@code dir}; returns the file. */
    static Path download(String url, Path dir) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw BargeException.invalid("invalid URL %s: %s", url, e.getMessage());
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw BargeException.invalid("cannot determine filename from url: %s", url);
        }
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("download of " + url + " interrupted", e);
        } catch (IOException e) {
            throw BargeException.invalid("failed to GET %s: %s", url, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        Path file = dir.resolve(name);
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 400) {
                throw BargeException.invalid("failed to GET %s with status %d", url, response.statusCode());
            }
            Files.copy(body, file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Instant mtime = response.headers().firstValue("Last-Modified").map(RemoteFiles::httpDate).orElse(Instant.EPOCH);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        return file;
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
