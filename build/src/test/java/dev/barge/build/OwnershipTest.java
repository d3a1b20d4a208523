package dev.barge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.barge.core.BargeException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnershipTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n";
    private static final String GROUP = "root:x:0:\nnogroup:x:65534:\nstaff:x:50:\n";

    @Test
    void numbersNeedNoLookup() {
        assertEquals(Optional.of(new ContextFiles.Owner(5, 6)), Ownership.numeric("5:6"));
        assertEquals(Optional.of(new ContextFiles.Owner(7, 7)), Ownership.numeric("7"));
        assertEquals(Optional.of(ContextFiles.Owner.ROOT), Ownership.numeric(""));
        assertEquals(Optional.empty(), Ownership.numeric("nobody"));
    }

    @Test
    void namesComeFromTheImagesFiles() {
        assertEquals(new ContextFiles.Owner(65534, 50), Ownership.resolve("nobody:staff", PASSWD, GROUP));
        assertEquals(new ContextFiles.Owner(65534, 0), Ownership.resolve("nobody:0", PASSWD, GROUP));
        BargeException e = assertThrows(BargeException.class, () -> Ownership.resolve("nobody", PASSWD, GROUP));
        assertEquals("unable to convert uid/gid chown string to host mapping: can't find gid for group nobody: "
                + "no such group: nobody", e.getMessage());
        assertThrows(BargeException.class, () -> Ownership.resolve("ghost:root", PASSWD, GROUP));
    }
}
