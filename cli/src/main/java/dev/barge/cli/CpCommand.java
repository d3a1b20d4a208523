package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.EngineException;
import dev.barge.client.JsonCodec;
import dev.barge.client.Request;
import dev.barge.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

/** docker cp: the archive endpoints, with archive.CopyTo's rules for where the copy lands. */
@Command(name = "cp", description = "Copy files/folders between a container and the local filesystem\n\n"
        + "Use '-' as the source to read a tar archive from stdin\nand extract it to a directory destination in a container.\n"
        + "Use '-' as the destination to stream a tar archive of a\ncontainer source to stdout.")
final class CpCommand extends BaseCommand {
    /** os.FileMode bits in the path-stat header. */
    private static final long MODE_DIR = 1L << 31;
    private static final long MODE_SYMLINK = 1L << 27;

    @Parameters(index = "0", paramLabel = "CONTAINER:SRC_PATH")
    String source;

    @Parameters(index = "1", paramLabel = "DEST_PATH|-")
    String destination;

    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information)")
    boolean archive;

    @Option(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH")
    boolean followLink;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached")
    boolean quiet;

    /** The container's path stat, decoded from the header. */
    record Stat(String name, long mode, String linkTarget) {
        boolean isDir() {
            return (mode & MODE_DIR) != 0;
        }

        boolean isSymlink() {
            return (mode & MODE_SYMLINK) != 0;
        }
    }

    @Override
    int run() throws Exception {
        String[] src = split(source);
        String[] dst = split(destination);
        if (src[0].isEmpty() && dst[0].isEmpty()) throw new StatusException(1, "must specify at least one container source");
        if (!src[0].isEmpty() && !dst[0].isEmpty()) throw new StatusException(1, "copying between containers is not supported");
        // the progress line goes to a terminal only
        if (!Terminal.isTerminal(2) || cli.err != System.err) quiet = true;
        if (!src[0].isEmpty()) return fromContainer(src[0], src[1], destination);
        return toContainer(source, dst[0], dst[1]);
    }

    /** cp.splitCpArg: an absolute path or one starting with '.' is local even with a ':'. */
    static String[] split(String arg) {
        if (arg.startsWith("/")) return new String[] {"", arg};
        int colon = arg.indexOf(':');
        if (colon < 0 || arg.startsWith(".")) return new String[] {"", arg};
        return new String[] {arg.substring(0, colon), arg.substring(colon + 1)};
    }

    private int fromContainer(String container, String srcPath, String dstPath) throws IOException {
        if (!dstPath.equals("-")) {
            Path parent = parentOf(dstPath);
            if (!Files.exists(parent)) {
                throw new StatusException(1, "invalid output path: directory \"" + parent + "\" does not exist");
            }
        }
        String rebaseTo = "";
        if (followLink) {
            String asked = srcPath;
            Stat stat = stat(container, asked).orElseThrow(() -> notFound(asked, container));
            if (stat.isSymlink()) {
                String target = stat.linkTarget();
                if (!target.startsWith("/")) target = parentOfUnix(srcPath) + "/" + target;
                rebaseTo = baseName(srcPath);
                srcPath = target;
            }
        }
        try (Response r = cli.client().call(Request.get(archivePath(container, srcPath)))) {
            Stat stat = decode(r.header("X-Docker-Container-Path-Stat").orElse(""));
            if (dstPath.equals("-")) {
                r.body().transferTo(cli.out);
                cli.out.flush();
                return 0;
            }
            CountingInput counted = new CountingInput(r.body());
            String from = stat.name();
            Path dst = Path.of(dstPath);
            boolean exists = Files.exists(dst, LinkOption.NOFOLLOW_LINKS) || Files.exists(dst);
            if (exists && Files.isDirectory(dst)) {
                TarFiles.extract(counted, dst, from, rebaseTo.isEmpty() ? from : rebaseTo);
            } else if (exists) {
                if (stat.isDir()) throw new StatusException(1, "cannot copy directory");
                TarFiles.extract(counted, parentOf(dstPath), from, dst.getFileName().toString());
            } else {
                if (dstPath.endsWith("/") && !stat.isDir()) throw new StatusException(1, "no such directory");
                TarFiles.extract(counted, parentOf(dstPath), from, dst.getFileName().toString());
            }
            if (!quiet) {
                // docker names the destination by its absolute path, a trailing separator kept
                String shown = Path.of(dstPath).toAbsolutePath().normalize() + (dstPath.endsWith("/") ? "/" : "");
                cli.err.println("Successfully copied " + progressSize(counted.count) + " to " + shown);
            }
        }
        return 0;
    }

    private int toContainer(String srcPath, String container, String dstPath) throws Exception {
        Optional<Stat> dstStat = stat(container, dstPath);
        Request put = Request.put(archivePath(container, dstPath)).query("noOverwriteDirNonDir", "true");
        if (archive) put = put.query("copyUIDGID", "true");
        if (srcPath.equals("-")) {
            // a tar from stdin is unpacked into a directory that must be there already
            if (dstStat.isEmpty() || !dstStat.get().isDir()) throw new StatusException(1, "destination \"" + container + ":" + dstPath + "\" must be a directory");
            cli.client().run(put.stream(cli.in, "application/x-tar"));
            return 0;
        }
        Path src = Path.of(srcPath);
        if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) {
            String shown = srcPath.startsWith("/") ? "/" + srcPath : srcPath;
            throw new StatusException(1, "lstat " + shown + ": no such file or directory");
        }
        boolean follow = followLink;
        boolean srcIsDir = Files.isDirectory(src, follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS});
        boolean contentsOnly = srcPath.endsWith("/.") || srcPath.equals(".");
        String root;
        String target = dstPath;
        if (dstStat.isPresent() && dstStat.get().isDir()) {
            root = contentsOnly ? "" : src.toAbsolutePath().normalize().getFileName().toString();
        } else if (dstStat.isPresent()) {
            if (srcIsDir) throw new StatusException(1, "cannot copy directory");
            root = baseName(dstPath);
            target = parentOfUnix(dstPath);
        } else {
            if (dstPath.endsWith("/") && !srcIsDir) throw new StatusException(1, "no such directory");
            root = baseName(dstPath);
            target = parentOfUnix(dstPath);
        }
        if (root.isEmpty() && srcIsDir && !contentsOnly) root = baseName(dstPath);
        put = Request.put(archivePath(container, target)).query("noOverwriteDirNonDir", "true");
        if (archive) put = put.query("copyUIDGID", "true");
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(in);
        String tarRoot = root;
        CountingInput counted = new CountingInput(in);
        Thread writer = Thread.ofVirtual().start(() -> {
            try (out) {
                TarFiles.write(src, tarRoot, follow, TarFiles.Filter.NONE, out);
            } catch (IOException e) {
                // the reader sees the stream end early and the daemon answers the error
            }
        });
        try {
            cli.client().run(put.stream(counted, "application/x-tar"));
        } finally {
            in.close();
            writer.join();
        }
        if (!quiet) cli.err.println("Successfully copied " + progressSize(counted.count) + " to " + container + ":" + dstPath);
        return 0;
    }

    private Optional<Stat> stat(String container, String path) {
        try (Response r = cli.client().call(Request.head(archivePath(container, path)))) {
            return Optional.of(decode(r.header("X-Docker-Container-Path-Stat").orElse("")));
        } catch (EngineException e) {
            if (e.status() == 404 && !e.getMessage().startsWith("No such container")) return Optional.empty();
            throw e;
        }
    }

    private static StatusException notFound(String path, String container) {
        return new StatusException(1, "Error response from daemon: Could not find the file " + path + " in container " + container);
    }

    private static String archivePath(String container, String path) {
        return Request.get(EachContainer.path(container) + "/archive").query("path", path).path();
    }

    static Stat decode(String header) {
        if (header.isEmpty()) return new Stat("", 0, "");
        JsonNode n = JsonCodec.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(header.trim())));
        return new Stat(n.path("name").asText(), n.path("mode").asLong(), n.path("linkTarget").asText(""));
    }

    private static Path parentOf(String local) {
        Path p = Path.of(local).toAbsolutePath();
        String s = local.endsWith("/") ? local.substring(0, local.length() - 1) : local;
        Path parent = Path.of(s.isEmpty() ? "/" : s).toAbsolutePath().getParent();
        return parent == null ? p : parent;
    }

    private static String parentOfUnix(String path) {
        String s = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        int slash = s.lastIndexOf('/');
        return slash <= 0 ? (s.startsWith("/") ? "/" : ".") : s.substring(0, slash);
    }

    private static String baseName(String path) {
        String s = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /** cp's progressHumanSize: units.HumanSizeWithPrecision(n, 3). */
    static String progressSize(long n) {
        return Units.humanSize3(n);
    }

    /** Counts the archive bytes for the closing line. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
