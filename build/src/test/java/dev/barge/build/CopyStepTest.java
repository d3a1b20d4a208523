package dev.barge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CopyStepTest {
    @Test
    void destinationsAreAbsoluteAndKeepSayingDirectory() {
        assertEquals("/app/", CopyStep.destination(".", "/app"));
        assertEquals("/app/", CopyStep.destination("./", "/app"));
        assertEquals("/app/sub/", CopyStep.destination("sub/", "/app"));
        assertEquals("/app/file", CopyStep.destination("file", "/app"));
        assertEquals("/file", CopyStep.destination("file", ""));
        assertEquals("/", CopyStep.destination("/", "/app"));
        assertEquals("/x/", CopyStep.destination("/x/.", "/app"));
        assertEquals("/dst dir/", CopyStep.destination("/dst dir/", ""));
    }
}
