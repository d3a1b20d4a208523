package dev.barge.api;

/**
 * Figures {@code /info} reports that the services own. The daemon supplies an implementation
 * backed by the image and container services; {@link #NONE} reports an empty engine.
 */
public interface EngineFacts {
    EngineFacts NONE = new EngineFacts() {
        @Override
        public ContainerCounts containers() {
            return new ContainerCounts(0, 0, 0);
        }

        @Override
        public int images() {
            return 0;
        }
    };

    ContainerCounts containers();

    int images();

    record ContainerCounts(int running, int paused, int stopped) {
        public int total() {
            return running + paused + stopped;
        }
    }
}
