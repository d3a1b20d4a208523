package dev.barge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file's keys, and flags winning over them. */
class ServerConfigTest {
    @TempDir
    Path dir;

    @Test
    void theFileSuppliesTokenAuthAndLimitsThatFlagsDidNotGive() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                {"listen": "127.0.0.1:5999", "root": "/srv/reg", "max-upload-size": 1000, "rate-limit": 5,
                 "token": {"realm": "https://auth/token", "service": "reg", "issuer": "auth", "rootcertbundle": "/etc/certs.pem"}}
                """);
        ServerConfig fromFile = new ServerConfig("", null, Optional.empty(), Optional.empty(), Optional.empty(),
                ServerConfig.DEFAULT_MAX_UPLOAD, Optional.empty(), 0).withFile(file, false, false);
        assertThat(fromFile.listen()).isEqualTo("127.0.0.1:5999");
        assertThat(fromFile.root()).isEqualTo(Path.of("/srv/reg"));
        assertThat(fromFile.maxUploadSize()).isEqualTo(1000);
        assertThat(fromFile.rateLimit()).isEqualTo(5);
        assertThat(fromFile.token()).hasValue(new TokenConfig("https://auth/token", "reg", "auth", Path.of("/etc/certs.pem")));

        ServerConfig flagsWin = ServerConfig.of("127.0.0.1:1", dir).withLimits(77, 9).withFile(file, true, true);
        assertThat(flagsWin.listen()).isEqualTo("127.0.0.1:1");
        assertThat(flagsWin.root()).isEqualTo(dir);
        assertThat(flagsWin.maxUploadSize()).isEqualTo(77);
        assertThat(flagsWin.rateLimit()).isEqualTo(9);
    }

    @Test
    void anIncompleteTokenSectionNamesTheMissingKey() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"token\": {\"realm\": \"https://auth/token\", \"service\": \"reg\"}}");
        assertThatThrownBy(() -> ServerConfig.of("127.0.0.1:1", dir).withFile(file, false, false))
                .hasMessageContaining("token.issuer is required");
    }
}
