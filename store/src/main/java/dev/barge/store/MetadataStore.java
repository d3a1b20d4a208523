package dev.barge.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata database: one SQLite file ({@code metadata.db}) in WAL mode with
 * {@code synchronous=FULL}, so a committed transaction survives a power cut and an interrupted
 * one leaves nothing behind. An image, its references and its layer list are written in one
 * transaction: an image is listed whole or not at all.
 *
 * <p>One connection, used under this object's lock: SQLite serialises writers anyway.
 */
public final class MetadataStore implements AutoCloseable {
    private static final int SCHEMA_VERSION = 1;
    private final Connection db;

    private MetadataStore(Connection db) {
        this.db = db;
    }

    public static MetadataStore open(Path file) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            MetadataStore store = new MetadataStore(c);
            store.migrate();
            return store;
        } catch (SQLException e) {
            throw BargeException.internal("cannot open metadata database " + file + ": " + e.getMessage(), e);
        }
    }

    private void migrate() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
                if (rs.next()) {
                    version = rs.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                throw new SQLException("metadata.db has schema version " + version + ", newer than this barged (" + SCHEMA_VERSION + ")");
            }
            if (version == 0) {
                db.setAutoCommit(false);
                s.execute("""
                        CREATE TABLE images (id TEXT PRIMARY KEY, config BLOB NOT NULL, manifest TEXT NOT NULL,
                          layer_blobs TEXT NOT NULL, added INTEGER NOT NULL, last_tag_time INTEGER NOT NULL)""");
                s.execute("""
                        CREATE TABLE image_layers (image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                          position INTEGER NOT NULL, chain_id TEXT NOT NULL, PRIMARY KEY (image_id, position))""");
                s.execute("CREATE INDEX image_layers_chain ON image_layers(chain_id)");
                s.execute("""
                        CREATE TABLE refs (name TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                          created INTEGER NOT NULL)""");
                s.execute("CREATE INDEX refs_image ON refs(image_id)");
                s.execute("""
                        CREATE TABLE layers (chain_id TEXT PRIMARY KEY, diff_id TEXT NOT NULL, parent TEXT,
                          size INTEGER NOT NULL, dir TEXT NOT NULL UNIQUE, link TEXT NOT NULL UNIQUE)""");
                s.execute("""
                        CREATE TABLE container_layers (container_id TEXT PRIMARY KEY, link TEXT NOT NULL UNIQUE,
                          lowers TEXT NOT NULL)""");
                s.execute("INSERT INTO schema_version VALUES (" + SCHEMA_VERSION + ")");
                db.commit();
                db.setAutoCommit(true);
            }
        }
    }

    // ---- transactions

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private synchronized <T> T transaction(Work<T> work) {
        try {
            db.setAutoCommit(false);
            try {
                T result = work.run();
                db.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw BargeException.internal("metadata database: " + e.getMessage(), e);
        }
    }

    // ---- images

    /**
     * Adds an image (or replaces its stored form) and points {@code references} at it in one
     * transaction. Returns, for each reference that moved, the image it left.
     */
    public Map<String, Digest> putImage(ImageRecord image, List<String> references) {
        return transaction(() -> {
            try (PreparedStatement p = db.prepareStatement("""
                    INSERT INTO images (id, config, manifest, layer_blobs, added, last_tag_time) VALUES (?,?,?,?,?,?)
                    ON CONFLICT(id) DO NOTHING""")) {
                p.setString(1, image.id().toString());
                p.setBytes(2, image.config());
                p.setString(3, image.manifest().toString());
                p.setString(4, Json.string(image.layers().stream().map(MetadataStore::blobJson).toList()));
                p.setLong(5, nanos(image.added()));
                p.setLong(6, nanos(image.lastTagTime()));
                if (p.executeUpdate() == 1) {
                    insertChain(image);
                }
            }
            Map<String, Digest> moved = new LinkedHashMap<>();
            for (String ref : references) {
                setReferenceInTx(ref, image.id()).ifPresent(old -> moved.put(ref, old));
            }
            return moved;
        });
    }

    private void insertChain(ImageRecord image) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO image_layers VALUES (?,?,?)")) {
            for (int i = 0; i < image.chainIds().size(); i++) {
                p.setString(1, image.id().toString());
                p.setInt(2, i);
                p.setString(3, image.chainIds().get(i).toString());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    public Optional<ImageRecord> image(Digest id) {
        List<ImageRecord> found = queryImages("WHERE id = ?", id.toString());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    public List<ImageRecord> images() {
        return queryImages("", null);
    }

    /** IDs whose hex starts with {@code hexPrefix}. */
    public List<Digest> imageIdsStartingWith(String hexPrefix) {
        return transaction(() -> {
            List<Digest> ids = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement("SELECT id FROM images WHERE substr(id, 8, ?) = ?")) {
                p.setInt(1, hexPrefix.length());
                p.setString(2, hexPrefix);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(Digest.parse(rs.getString(1)));
                    }
                }
            }
            return ids;
        });
    }

    private List<ImageRecord> queryImages(String where, String arg) {
        return transaction(() -> {
            List<ImageRecord> result = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement(
                    "SELECT id, config, manifest, layer_blobs, added, last_tag_time FROM images " + where + " ORDER BY added")) {
                if (arg != null) {
                    p.setString(1, arg);
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Digest id = Digest.parse(rs.getString(1));
                        result.add(new ImageRecord(id, rs.getBytes(2), Digest.parse(rs.getString(3)),
                                parseBlobs(rs.getString(4)), chainOf(id), instant(rs.getLong(5)), instant(rs.getLong(6))));
                    }
                }
            }
            return result;
        });
    }

    private List<Digest> chainOf(Digest imageId) throws SQLException {
        List<Digest> chain = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT chain_id FROM image_layers WHERE image_id = ? ORDER BY position")) {
            p.setString(1, imageId.toString());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    chain.add(Digest.parse(rs.getString(1)));
                }
            }
        }
        return chain;
    }

    /** Deletes the image with its references and layer list (not the layers themselves). */
    public void deleteImage(Digest id) {
        transaction(() -> {
            for (String table : List.of("refs", "image_layers")) {
                try (PreparedStatement p = db.prepareStatement("DELETE FROM " + table + " WHERE image_id = ?")) {
                    p.setString(1, id.toString());
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = db.prepareStatement("DELETE FROM images WHERE id = ?")) {
                p.setString(1, id.toString());
                p.executeUpdate();
            }
            return null;
        });
    }

    public void setLastTagTime(Digest id, Instant when) {
        transaction(() -> {
            try (PreparedStatement p = db.prepareStatement("UPDATE images SET last_tag_time = ? WHERE id = ?")) {
                p.setLong(1, nanos(when));
                p.setString(2, id.toString());
                p.executeUpdate();
            }
            return null;
        });
    }

    // ---- references

    /** Points {@code name} at {@code id}; returns the image it pointed at before, if another. */
    public Optional<Digest> setReference(String name, Digest id) {
        return transaction(() -> setReferenceInTx(name, id));
    }

    private Optional<Digest> setReferenceInTx(String name, Digest id) throws SQLException {
        Optional<Digest> old = referenceInTx(name);
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO refs (name, image_id, created) VALUES (?,?,?) ON CONFLICT(name) DO UPDATE SET image_id = excluded.image_id, created = excluded.created")) {
            p.setString(1, name);
            p.setString(2, id.toString());
            p.setLong(3, nanos(Instant.now()));
            p.executeUpdate();
        }
        return old.filter(o -> !o.equals(id));
    }

    public Optional<Digest> reference(String name) {
        return transaction(() -> referenceInTx(name));
    }

    private Optional<Digest> referenceInTx(String name) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT image_id FROM refs WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(Digest.parse(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** References to the image, sorted by full name as moby's reference store returns them. */
    public List<String> referencesTo(Digest id) {
        return transaction(() -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement("SELECT name FROM refs WHERE image_id = ? ORDER BY name")) {
                p.setString(1, id.toString());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            return names;
        });
    }

    public boolean removeReference(String name) {
        return transaction(() -> {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM refs WHERE name = ?")) {
                p.setString(1, name);
                return p.executeUpdate() == 1;
            }
        });
    }

    // ---- layers

    public void putLayer(LayerRecord layer) {
        transaction(() -> {
            try (PreparedStatement p = db.prepareStatement("INSERT INTO layers VALUES (?,?,?,?,?,?)")) {
                p.setString(1, layer.chainId().toString());
                p.setString(2, layer.diffId().toString());
                p.setString(3, layer.parent().map(Digest::toString).orElse(null));
                p.setLong(4, layer.size());
                p.setString(5, layer.dir());
                p.setString(6, layer.link());
                p.executeUpdate();
            }
            return null;
        });
    }

    public Optional<LayerRecord> layer(Digest chainId) {
        List<LayerRecord> found = queryLayers("WHERE chain_id = ?", chainId.toString());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    public List<LayerRecord> layers() {
        return queryLayers("", null);
    }

    private List<LayerRecord> queryLayers(String where, String arg) {
        return transaction(() -> {
            List<LayerRecord> result = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement("SELECT chain_id, diff_id, parent, size, dir, link FROM layers " + where)) {
                if (arg != null) {
                    p.setString(1, arg);
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        result.add(new LayerRecord(Digest.parse(rs.getString(1)), Digest.parse(rs.getString(2)),
                                Optional.ofNullable(rs.getString(3)).map(Digest::parse), rs.getLong(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return result;
        });
    }

    public void deleteLayer(Digest chainId) {
        transaction(() -> {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM layers WHERE chain_id = ?")) {
                p.setString(1, chainId.toString());
                p.executeUpdate();
            }
            return null;
        });
    }

    /** True while an image lists the layer in its chain (container layers are checked apart). */
    public boolean layerUsedByImage(Digest chainId) {
        return transaction(() -> {
            try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM image_layers WHERE chain_id = ? LIMIT 1")) {
                p.setString(1, chainId.toString());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    // ---- container layers

    public void putRwLayer(RwLayerRecord layer) {
        transaction(() -> {
            try (PreparedStatement p = db.prepareStatement("INSERT INTO container_layers VALUES (?,?,?)")) {
                p.setString(1, layer.containerId());
                p.setString(2, layer.link());
                p.setString(3, Json.string(layer.lowers().stream().map(Digest::toString).toList()));
                p.executeUpdate();
            }
            return null;
        });
    }

    public Optional<RwLayerRecord> rwLayer(String containerId) {
        return rwLayers().stream().filter(l -> l.containerId().equals(containerId)).findFirst();
    }

    public List<RwLayerRecord> rwLayers() {
        return transaction(() -> {
            List<RwLayerRecord> result = new ArrayList<>();
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("SELECT container_id, link, lowers FROM container_layers")) {
                while (rs.next()) {
                    List<String> lowers = parseJson(rs.getString(3), new TypeReference<>() {});
                    result.add(new RwLayerRecord(rs.getString(1), rs.getString(2), lowers.stream().map(Digest::parse).toList()));
                }
            }
            return result;
        });
    }

    public void deleteRwLayer(String containerId) {
        transaction(() -> {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM container_layers WHERE container_id = ?")) {
                p.setString(1, containerId);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw BargeException.internal("cannot close metadata database", e);
        }
    }

    // ---- encoding helpers

    private static Map<String, Object> blobJson(LayerBlob b) {
        return Map.of("mediaType", b.mediaType(), "digest", b.digest().toString(), "size", b.size());
    }

    private static List<LayerBlob> parseBlobs(String json) {
        List<Map<String, Object>> raw = parseJson(json, new TypeReference<>() {});
        return raw.stream().map(m -> new LayerBlob((String) m.get("mediaType"),
                Digest.parse((String) m.get("digest")), ((Number) m.get("size")).longValue())).toList();
    }

    private static <T> T parseJson(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw BargeException.internal("corrupt metadata: " + e.getMessage(), e);
        }
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
