package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Image events replayed by {@code docker events --since --until}: load, tag, untag, delete. */
@Timeout(60)
class ImageEventsTest extends BargedPerClass {
    @Test
    void loadTagUntagAndDeleteAreEventsInOrder() {
        Path archive = ImageArchives.busybox("busybox:latest");
        String id = ImageArchives.idOf(archive);
        long since = Instant.now().getEpochSecond() - 1;
        assertThat(barged.docker("load", "-i", archive.toString()).exitCode()).isZero();
        assertThat(barged.docker("tag", "busybox", "copy:1").exitCode()).isZero();
        assertThat(barged.docker("rmi", "copy:1").exitCode()).isZero();
        assertThat(barged.docker("rmi", "busybox").exitCode()).isZero();
        long until = Instant.now().getEpochSecond() + 1;
        var r = barged.docker("events", "--since", Long.toString(since), "--until", Long.toString(until),
                "--filter", "type=image", "--format", "{{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes.name}}");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        // (the events of another test in this class may come first, within the same second)
        assertThat(ImageArchives.lines(r.stdout())).endsWith(
                "image load " + id + " " + id,
                "image tag " + id + " busybox:latest",
                "image tag " + id + " copy:1",
                "image untag " + id + " " + id,
                "image untag " + id + " " + id,
                "image delete " + id + " " + id);
        var deletes = barged.docker("events", "--since", Long.toString(since), "--until", Long.toString(until),
                "--filter", "event=delete", "--format", "{{.Action}}");
        assertThat(deletes.stdout()).endsWith("delete\n").doesNotContain("tag");
    }

    @Test
    void eventsBeforeSinceAreNotReplayed() throws InterruptedException {
        assertThat(barged.docker("load", "-i", ImageArchives.busybox("busybox:latest").toString()).exitCode()).isZero();
        Thread.sleep(1100);
        long since = Instant.now().getEpochSecond();
        var r = barged.docker("events", "--since", Long.toString(since), "--until", Long.toString(since + 1), "--filter", "type=image");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        barged.docker("rmi", "busybox");
    }
}
