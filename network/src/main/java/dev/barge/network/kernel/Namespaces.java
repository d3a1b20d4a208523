package dev.barge.network.kernel;

import dev.barge.linux.NetNamespaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Bind-mounted network namespaces, behind a seam so unit tests run without root. */
public interface Namespaces {
    void create(Path path) throws IOException;

    void delete(Path path) throws IOException;

    /** Runs {@code work} on a thread inside the namespace (sockets opened there stay there). */
    <T> T runIn(Path path, Callable<T> work) throws IOException;

    static Namespaces system() {
        NetNamespaces kernel = NetNamespaces.system();
        return new Namespaces() {
            @Override
            public void create(Path path) throws IOException {
                kernel.create(path);
            }

            @Override
            public void delete(Path path) throws IOException {
                kernel.delete(path);
            }

            @Override
            public <T> T runIn(Path path, Callable<T> work) throws IOException {
                return kernel.runIn(path, work);
            }
        };
    }

    /** Plain files standing for namespaces; work runs on the caller's thread. */
    static Namespaces fake() {
        return new Namespaces() {
            @Override
            public void create(Path path) throws IOException {
                Files.createDirectories(path.getParent());
                Files.writeString(path, "netns");
            }

            @Override
            public void delete(Path path) throws IOException {
                Files.deleteIfExists(path);
            }

            @Override
            public <T> T runIn(Path path, Callable<T> work) throws IOException {
                try {
                    return work.call();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        };
    }
}
