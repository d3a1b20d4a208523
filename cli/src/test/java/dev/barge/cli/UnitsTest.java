package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @ParameterizedTest
    @CsvSource(textBlock = """
            0,          Less than a second
            1,          1 second
            59,         59 seconds
            60,         About a minute
            119,        About a minute
            120,        2 minutes
            3599,       59 minutes
            3600,       About an hour
            5399,       About an hour
            5400,       2 hours
            169200,     47 hours
            172800,     2 days
            1206000,    13 days
            1209600,    2 weeks
            5180400,    8 weeks
            5184000,    2 months
            63068400,   24 months
            63072000,   2 years
            """)
    void durationsReadLikeGoUnits(long seconds, String expected) {
        assertThat(Units.humanDuration(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0,          0B
            999,        999B
            1000,       1kB
            4100,       4.1kB
            4261550,    4.26MB
            1234567,    1.23MB
            999999,     1e+03kB
            1500000000, 1.5GB
            77800000,   77.8MB
            """)
    void sizesHaveThreeSignificantDecimalDigits(long bytes, String expected) {
        assertThat(Units.size(bytes)).isEqualTo(expected);
    }

    @Test
    void otherSizeFlavours() {
        assertThat(Units.humanSize(4261550)).isEqualTo("4.262MB");
        assertThat(Units.bytesSize(4123456789L)).isEqualTo("3.84GiB");
        assertThat(Units.humanSize(0)).isEqualTo("0B");
    }

    @Test
    void idsAndTextShorten() {
        assertThat(Units.shortId("sha256:0123456789abcdef0123")).isEqualTo("0123456789ab");
        assertThat(Units.ellipsis("sh -c 'while true; do sleep 1; done'", 20)).isEqualTo("sh -c 'while true; …");
        assertThat(Units.ellipsis("short", 20)).isEqualTo("short");
    }

    @Test
    void tablesAlignLikeGosTabwriter() {
        String text = "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n"
                + "busybox\tlatest\tabcdef012345\t2 days ago\t4.26MB\n"
                + "a-much-longer-repository-name\t1\t012345abcdef\tAbout an hour ago\t0B\n";
        assertThat(TabWriter.table(text)).isEqualTo("""
                REPOSITORY                      TAG       IMAGE ID       CREATED             SIZE
                busybox                         latest    abcdef012345   2 days ago          4.26MB
                a-much-longer-repository-name   1         012345abcdef   About an hour ago   0B
                """);
    }

    @Test
    void linesWithFewerCellsEndAColumnBlock() {
        String text = "a\tb\tc\nxx\tyyyyyyyyyyyyyyy\tz\nonly\nlonger-than-ten-chars\tq\n";
        assertThat(new TabWriter(1, 1).format(text)).isEqualTo("""
                a  b               c
                xx yyyyyyyyyyyyyyy z
                only
                longer-than-ten-chars q
                """);
    }
}
