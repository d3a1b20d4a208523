package dev.barge.cli;

import dev.barge.client.Request;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Parameters;

@Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
final class TagCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]")
    String target;

    @Override
    int run() {
        String[] repoTag = splitTag(target);
        cli.client().run(Request.post("/images/" + Request.segment(source) + "/tag").query("repo", Containers.normalized(repoTag[0]))
                .query("tag", repoTag[1]));
        return 0;
    }

    /** repo and tag of a reference; the tag is after the last ':' that follows the last '/'. */
    static String[] splitTag(String ref) {
        String name = ref;
        int at = name.indexOf('@');
        if (at >= 0) name = name.substring(0, at);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) return new String[] {name.substring(0, colon), name.substring(colon + 1)};
        return new String[] {name, "latest"};
    }
}
