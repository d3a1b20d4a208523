/**
 * Storage of images and container layers: content (blobs), metadata (SQLite) and layers
 * (overlay2 snapshots). Everything lives below one root, by default {@code /var/lib/barge}:
 *
 * <pre>
 * &lt;root&gt;/
 * ├── metadata.db                 SQLite, WAL, synchronous=FULL: images, refs, layers,
 * ├── metadata.db-wal / -shm        container_layers, schema_version
 * ├── tmp/                        scratch (archives being loaded); emptied at start-up
 * ├── content/blobs/sha256/
 * │   ├── &lt;hex&gt;                   a committed blob: config, manifest, layer as shipped
 * │   └── .ingest-&lt;uuid&gt;          a blob being written; invisible, removed at start-up
 * └── overlay2/
 *     ├── l/&lt;26 chars&gt;            short link -&gt; ../&lt;dir&gt;/diff (keeps lowerdir= short)
 *     ├── empty/                  the lowerdir of a container whose image has no layer
 *     ├── &lt;chain-id hex&gt;/         an unpacked image layer, shared by all images
 *     │   ├── diff/               its files (whiteouts as 0/0 char devices, opaque xattrs)
 *     │   ├── link                its short name under l/
 *     │   └── lower               l/&lt;short&gt; of the layers below, top first (like Docker)
 *     ├── &lt;container id&gt;/        a container's writable layer
 *     │   ├── diff/  work/  merged/
 *     │   └── link
 *     └── tmp-&lt;uuid&gt;/             a layer being unpacked; removed at start-up
 * </pre>
 *
 * <p>Crash safety: a blob appears by atomic rename (or, adopted from tmp/, hard link) after fsync; a layer directory by rename,
 * then its row; an image by one transaction (image, layer list, references). Start-up
 * ({@link dev.barge.store.Store#open}) deletes temporaries, directories without rows, and
 * layers and blobs that no image references.
 */
package dev.barge.store;
