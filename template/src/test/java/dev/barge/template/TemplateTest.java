package dev.barge.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final String IMAGE = """
            {"Id": "sha256:abc", "RepoTags": ["busybox:latest", "busybox:1"], "Size": 4261550,
             "Config": {"Labels": {"b": "2", "a": "1"}, "Env": ["PATH=/bin"], "Cmd": null},
             "Ratio": 0.5, "Big": 12345678.0, "Empty": "", "Zero": 0, "Ok": true, "Nothing": {}, "List": []}
            """;

    private static JsonNode data() throws Exception {
        return new ObjectMapper().readTree(IMAGE);
    }

    private static String run(String template) throws Exception {
        return Template.parse(template).execute(data());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', textBlock = """
            {{.Id}}                                       ~ sha256:abc
            {{.Size}}                                     ~ 4261550
            {{.Config.Labels}}                            ~ map[a:1 b:2]
            {{.Config.Labels.a}}                          ~ 1
            {{.Config.Labels.zz}}                         ~ <no value>
            {{.ID}} {{.config.LABELS.a}}                  ~ sha256:abc 1
            {{.Missing.Deeper}}                           ~ <no value>
            {{.Config.Cmd}}                               ~ <no value>
            {{.RepoTags}}                                 ~ [busybox:latest busybox:1]
            {{json .RepoTags}}                            ~ ["busybox:latest","busybox:1"]
            {{json .Config.Labels}}                       ~ {"a":"1","b":"2"}
            {{json .Config.Cmd}}                          ~ null
            {{index .RepoTags 1}}                         ~ busybox:1
            {{index .Config.Labels "b"}}                  ~ 2
            {{len .RepoTags}}                             ~ 2
            {{len .Id}}                                   ~ 10
            {{range .RepoTags}}[{{.}}]{{end}}             ~ [busybox:latest][busybox:1]
            {{range $i, $t := .RepoTags}}{{$i}}={{$t}} {{end}} ~ '0=busybox:latest 1=busybox:1 '
            {{range $k, $v := .Config.Labels}}{{$k}}{{$v}}{{end}} ~ a1b2
            {{range .List}}x{{else}}empty{{end}}          ~ empty
            {{range .Config.Cmd}}x{{else}}none{{end}}     ~ none
            {{if .Ok}}yes{{else}}no{{end}}                ~ yes
            {{if .Empty}}yes{{else if .Zero}}zero{{else}}neither{{end}} ~ neither
            {{if not .Nothing}}empty map{{end}}           ~ empty map
            {{with .Config}}{{.Env}}{{end}}               ~ [PATH=/bin]
            {{with .Empty}}x{{else}}nothing{{end}}        ~ nothing
            {{$x := .Id}}{{$x}}                           ~ sha256:abc
            {{range .RepoTags}}{{$.Id}} {{end}}           ~ 'sha256:abc sha256:abc '
            {{.Id | upper}}                               ~ SHA256:ABC
            {{.Id | printf "%s!"}}                        ~ sha256:abc!
            {{printf "%-12s|" .Id}}                       ~ 'sha256:abc  |'
            {{printf "%5d|%q|%v" .Size .Id .Ok}}          ~ '4261550|"sha256:abc"|true'
            {{printf "%d" .Id}}                           ~ %!d(string=sha256:abc)
            {{printf "%s"}}                               ~ %!s(MISSING)
            {{printf "%05d" 42}}                          ~ 00042
            {{printf "%.2f" .Ratio}}                      ~ 0.50
            {{printf "%x" 255}}                           ~ ff
            {{.Ratio}}                                    ~ 0.5
            {{.Big}}                                      ~ 1.2345678e+07
            {{print 1 2 "a" "b" 3}}                       ~ 1 2ab3
            {{println "a" 1}}                             ~ 'a 1\n'
            {{eq .Size 4261550}}                          ~ true
            {{eq "a" "b" "a"}}                            ~ true
            {{ne .Id "x"}}                                ~ true
            {{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge "b" "a"}} ~ true true false true
            {{and 1 0}} {{or 0 "" "x"}} {{and 1 2}}       ~ 0 x 2
            {{(index .RepoTags 0) | len}}                 ~ 14
            {{join .RepoTags ", "}}                       ~ busybox:latest, busybox:1
            {{split "a:b:c" ":"}}                         ~ [a b c]
            {{index (split .Id ":") 1}}                   ~ abc
            {{title "hello-world foo_bar"}}               ~ Hello-World Foo_bar
            {{lower "ABC"}}{{upper "def"}}                ~ abcDEF
            {{pad "x" 2 1}}|{{pad "" 2 1}}|               ~ '  x ||'
            {{truncate .Id 6}}|{{truncate "ab" 6}}        ~ sha256|ab
            a {{- " b " -}} c                             ~ a b c
            {{/* a comment */}}x                          ~ x
            x {{- /* trimmed */ -}} y                     ~ xy
            {{"quoted\\tstring"}}                         ~ 'quoted\tstring'
            {{true}} {{false}} {{3}} {{-3}} {{0x10}} {{1.5}} ~ true false 3 -3 16 1.5
            {{range .RepoTags}}{{if eq . "busybox:1"}}{{break}}{{end}}{{.}};{{end}} ~ busybox:latest;
            {{range .RepoTags}}{{if eq . "busybox:latest"}}{{continue}}{{end}}{{.}};{{end}} ~ busybox:1;
            {{$n := 1}}{{range .RepoTags}}{{$n = 2}}{{end}}{{$n}} ~ 2
            {{json .}}                                    ~ '{"Id":"sha256:abc","RepoTags":["busybox:latest","busybox:1"],"Size":4261550,"Config":{"Labels":{"a":"1","b":"2"},"Env":["PATH=/bin"],"Cmd":null},"Ratio":0.5,"Big":12345678,"Empty":"","Zero":0,"Ok":true,"Nothing":{},"List":[]}'
            """)
    void rendersLikeGo(String template, String expected) throws Exception {
        assertThat(run(template.replace("\\\\", "\\"))).isEqualTo(expected.replace("\\n", "\n").replace("\\t", "\t")
                .replace("\\\\", "\\"));
    }

    @Test
    void rawStringsKeepBackslashes() {
        assertThat(Template.parse("{{`raw\\n`}}").execute(Map.of())).isEqualTo("raw\\n");
    }

    @Test
    void methodValuesTakeArguments() {
        Map<String, Object> ctx = new TreeMap<>();
        ctx.put("Names", "web");
        ctx.put("Label", (Func) args -> "v-" + args.getFirst());
        assertThat(Template.parse("{{.Names}} {{.Label \"x\"}}").execute(ctx)).isEqualTo("web v-x");
        assertThat(Template.parse("{{json .}}").execute(ctx)).isEqualTo("{\"Names\":\"web\"}");
    }

    @Test
    void lazyValuesAreComputedOnlyWhenRead() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, Object> row = new TreeMap<>();
        row.put("A", "a");
        row.put("When", new Lazy(() -> "t" + calls.incrementAndGet()));
        assertThat(Template.parse("{{.A}}").execute(row)).isEqualTo("a");
        assertThat(calls.get()).isZero();
        assertThat(Template.parse("{{.When}} {{json .}}").execute(row)).isEqualTo("t1 {\"A\":\"a\",\"When\":\"t2\"}");
    }

    @Test
    void recordsExposeTheirComponents() {
        record Port(String ip, int privatePort) {}
        assertThat(Template.parse("{{.Ip}}:{{.PrivatePort}} {{.}}").execute(new Port("0.0.0.0", 80)))
                .isEqualTo("0.0.0.0:80 {0.0.0.0 80}");
    }

    @Test
    void zeroValuedMapsPrintNothingForMissingKeys() {
        class Header extends TreeMap<String, Object> implements ZeroValued {
            @Override
            public Object zeroValue() {
                return "";
            }
        }
        Header h = new Header();
        h.put("ID", "CONTAINER ID");
        assertThat(Template.parse("{{.ID}}|{{.Nope}}|").execute(h)).isEqualTo("CONTAINER ID||");
    }

    @Test
    void functionsCanBeReplacedAfterParsing() {
        Template t = Template.parse("{{json .X}}").withFunctions(Map.of("json", args -> args.getFirst()));
        assertThat(t.execute(Map.of("X", "header"))).isEqualTo("header");
    }

    @Test
    void listsOfStringsAndNestedListsFormatLikeGo() {
        assertThat(Template.format(List.of(List.of("a"), Map.of("k", List.of(1L))))).isEqualTo("[[a] map[k:[1]]]");
    }

    @Test
    void parseErrorsAreWordedLikeGo() {
        assertThatThrownBy(() -> Template.parse("{{nosuch .}}"))
                .hasMessage("template: :1: function \"nosuch\" not defined");
        assertThatThrownBy(() -> Template.parse("{{if .X}}")).hasMessageContaining("unexpected EOF");
        assertThatThrownBy(() -> Template.parse("{{.X")).hasMessageContaining("unclosed action");
        assertThatThrownBy(() -> Template.parse("{{end}}")).hasMessageContaining("unexpected {{end}}");
    }

    @Test
    // Go positions a field chain at its second name: docker says ":1:7" for {{.Size.X}}
    void executionErrorsNameTheAction() {
        assertThatThrownBy(() -> Template.parse("{{.Id.Foo}}").execute(Map.of("Id", "x")))
                .hasMessage("template: :1:5: executing \"\" at <.Id.Foo>: can't evaluate field Foo in type string");
        assertThatThrownBy(() -> Template.parse("x {{ .Nope }}").missingKeyError().execute(Map.of("Id", "x")))
                .hasMessage("template: :1:5: executing \"\" at <.Nope>: map has no entry for key \"Nope\"");
        assertThatThrownBy(() -> Template.parse("{{index .L 5}}").execute(Map.of("L", List.of())))
                .hasMessageContaining("index out of range: 5");
    }

    @Test
    void multiLineTemplatesKeepText() {
        assertThat(Template.parse("a\n{{- range .}}\n  {{.}}{{end}}\n").execute(List.of("x", "y")))
                .isEqualTo("a\n  x\n  y\n");
    }
}
