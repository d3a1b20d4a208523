package dev.barge.build;

/** Where a build reports: text lines for {@code stream}, and the built image's ID for {@code aux}. */
public interface BuildOutput {
    void stream(String text);

    void aux(String imageId);
}
