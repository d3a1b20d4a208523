package dev.barge.registry;

import dev.barge.core.FileTrees;
import dev.barge.core.Digest;
import dev.barge.distribution.ErrorCode;
import dev.barge.store.ContentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The registry's files, content-addressed and shared across repositories:
 *
 * <pre>
 * &lt;root&gt;/
 * ├── content/blobs/sha256/&lt;hex&gt;                  every blob and manifest, once (the store's ContentStore)
 * ├── repositories/&lt;name&gt;/
 * │   ├── _layers/&lt;hex&gt;                         empty: the blob belongs to this repository
 * │   └── _manifests/
 * │       ├── revisions/&lt;hex&gt;                  the manifest's media type
 * │       └── tags/&lt;tag&gt;                       the digest the tag points at
 * └── uploads/&lt;uuid&gt;/{data,repository}          uploads in progress
 * </pre>
 *
 * Every small file is written to a temporary name and renamed, so readers never see half a
 * tag; blobs become visible only after the content store verified them.
 */
final class RegistryStorage {
    private final Path root;
    private final ContentStore content;

    RegistryStorage(Path root) {
        this.root = root;
        this.content = new ContentStore(root);
        try {
            Files.createDirectories(root.resolve("repositories"));
            Files.createDirectories(root.resolve("uploads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        content.removeStaleIngests();
    }

    Path root() {
        return root;
    }

    ContentStore content() {
        return content;
    }

    private Path repo(String name) {
        return root.resolve("repositories").resolve(name);
    }

    boolean repositoryExists(String name) {
        return Files.isDirectory(repo(name).resolve("_manifests")) || Files.isDirectory(repo(name).resolve("_layers"));
    }

    // ---- blobs

    void linkBlob(String name, Digest digest) {
        writeAtomically(repo(name).resolve("_layers").resolve(digest.hex()), "");
    }

    boolean blobLinked(String name, Digest digest) {
        return content.contains(digest) && (Files.exists(repo(name).resolve("_layers").resolve(digest.hex()))
                || Files.exists(revision(name, digest)));
    }

    boolean unlinkBlob(String name, Digest digest) {
        return delete(repo(name).resolve("_layers").resolve(digest.hex()));
    }

    // ---- manifests

    private Path revision(String name, Digest digest) {
        return repo(name).resolve("_manifests").resolve("revisions").resolve(digest.hex());
    }

    private Path tagFile(String name, String tag) {
        return repo(name).resolve("_manifests").resolve("tags").resolve(tag);
    }

    void putManifest(String name, Digest digest, String mediaType, Optional<String> tag) {
        writeAtomically(revision(name, digest), mediaType);
        tag.ifPresent(t -> writeAtomically(tagFile(name, t), digest.toString()));
    }

    /** The media type of a manifest revision of this repository. */
    Optional<String> manifestType(String name, Digest digest) {
        return read(revision(name, digest)).filter(t -> content.contains(digest));
    }

    Optional<Digest> tag(String name, String tag) {
        return read(tagFile(name, tag)).filter(Digest::isDigest).map(Digest::parse);
    }

    List<String> tags(String name) {
        return sortedNames(repo(name).resolve("_manifests").resolve("tags"));
    }

    List<Digest> revisions(String name) {
        return sortedNames(repo(name).resolve("_manifests").resolve("revisions")).stream()
                .filter(h -> Digest.isDigest("sha256:" + h)).map(h -> new Digest("sha256", h)).toList();
    }

    boolean deleteTag(String name, String tag) {
        return delete(tagFile(name, tag));
    }

    /** Deletes the revision and every tag pointing at it. */
    boolean deleteManifest(String name, Digest digest) {
        for (String t : tags(name)) {
            if (tag(name, t).filter(digest::equals).isPresent()) {
                deleteTag(name, t);
            }
        }
        return delete(revision(name, digest));
    }

    /** Every repository name, sorted. */
    List<String> repositories() {
        Path base = root.resolve("repositories");
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(p -> p.getFileName().toString().equals("_manifests") && Files.isDirectory(p))
                    .map(p -> base.relativize(p.getParent()).toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- uploads

    String startUpload(String name) {
        String id = UUID.randomUUID().toString();
        Path dir = root.resolve("uploads").resolve(id);
        try {
            Files.createDirectories(dir);
            Files.createFile(dir.resolve("data"));
            Files.writeString(dir.resolve("repository"), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }

    /** The data file of an upload started in this repository. */
    Path upload(String name, String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            throw new SpecError(ErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", id));
        }
        Path dir = root.resolve("uploads").resolve(id);
        if (!read(dir.resolve("repository")).filter(name::equals).isPresent()) {
            throw new SpecError(ErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", id));
        }
        return dir.resolve("data");
    }

    void removeUpload(String id) {
        FileTrees.deleteQuietly(root.resolve("uploads").resolve(id));
    }

    // ---- files

    private static List<String> sortedNames(Path dir) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".tmp-")) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(".tmp-" + UUID.randomUUID());
            Files.writeString(temp, text);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
