package dev.pharos.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Engine behaviour through the public API: data access, options, errors, sets, concurrency. */
class TemplateTest {

    record Host(String name, int port, List<String> tags) {
    }

    public static final class Bean {
        public String getRegion() {
            return "eu";
        }

        public boolean isPrimary() {
            return true;
        }
    }

    private static String run(String text, Object data) throws TemplateException {
        return Template.parse("t", text, FunctionSet.alertmanager()).execute(data);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "{{ .Name }}:{{ .Port }} => web:8080",
        "{{ len .Tags }} {{ index .Tags 1 }} => 2 b",
        "{{ range $i, $t := .Tags }}{{ $i }}={{ $t }} {{ end }} => '0=a 1=b '",
        "{{ . }} => {web 8080 [a b]}",
        "{{ printf \"%+v\" . }} => {Name:web Port:8080 Tags:[a b]}",
        "{{ if gt .Port 1024 }}high{{ end }} => high",
    })
    void recordsAreStructs(String text, String expected) throws TemplateException {
        assertEquals(expected, run(text, new Host("web", 8080, List.of("a", "b"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "{{ 0x1F }} {{ 0x1e }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }} => 31 30 15 15 5 1000",
        "{{ 1e3 }} {{ 0x1p-2 }} {{ .5 }} {{ 'a' }} {{ '\\n' }} => 1000 0.25 0.5 97 10",
        "{{ printf \"%T %T %T\" 1 1.0 'x' }} => int float64 int",
    })
    void numberLiterals(String text, String expected) throws TemplateException {
        assertEquals(expected, run(text, null));
    }

    @Test
    void gettersAreFields() throws TemplateException {
        assertEquals("eu true", run("{{ .Region }} {{ .Primary }}", new Bean()));
    }

    @Test
    void modelLabelsAreMaps() throws TemplateException {
        assertEquals("node map[instance:a job:node]",
                run("{{ .job }} {{ . }}", Labels.of("job", "node", "instance", "a")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "DEFAULT => [<no value>]",
        "ZERO => []",
    })
    void missingKey(TemplateSet.MissingKey mode, String expected) throws TemplateException {
        Template t = Template.parse("t", "[{{ .nope }}]", FunctionSet.builtinsOnly(), mode);
        assertEquals(expected, t.execute(new StringMap(Map.of("a", "b"))));
    }

    @Test
    void missingKeyError() throws TemplateException {
        Template t = Template.parse("t", "{{ .nope }}", FunctionSet.builtinsOnly(), TemplateSet.MissingKey.ERROR);
        TemplateExecutionException e = assertThrows(TemplateExecutionException.class, () -> t.execute(Map.of("a", "b")));
        assertEquals("template: t:1:3: executing \"t\" at <.nope>: map has no entry for key \"nope\"", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "{{ if }} => template: t:1: missing value for if",
        "{{ range $a, $b, $c := . }}{{ end }} => template: t:1: too many declarations in range",
        "{{ .A | 3 }} => template: t:1: non executable command in pipeline stage 2",
        "{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }} => template: t:1: template: multiple definition of template \"x\"",
        "line1\\n{{ else }} => template: t:2: unexpected {{else}}",
        "{{ 3.foo }} => template: t:1: bad number syntax: \"3.f\"",
        "{{ `abc }} => template: t:1: unterminated raw quoted string",
        "{{ continue }} => template: t:1: {{continue}} outside {{range}}",
    })
    void parseErrors(String text, String message) {
        TemplateParseException e = assertThrows(TemplateParseException.class,
                () -> Template.parse("t", text.replace("\\n", "\n"), FunctionSet.builtinsOnly()));
        assertEquals(message, e.getMessage());
    }

    @Test
    void executionErrorOnLaterLineCountsBytes() throws TemplateException {
        Template t = Template.parse("t", "é\nxé {{ index . 5 }}", FunctionSet.builtinsOnly());
        TemplateExecutionException e = assertThrows(TemplateExecutionException.class, () -> t.execute(List.of(1L)));
        assertEquals("template: t:2:7: executing \"t\" at <index . 5>: error calling index: index out of range: 5",
                e.getMessage());
    }

    @Test
    void definitionsAcrossTexts() throws TemplateException {
        Template t = Template.parse("main", "{{ template \"greet\" . }}!", FunctionSet.builtinsOnly())
                .addDefinitions("lib.tmpl", "{{ define \"greet\" }}hi {{ . }}{{ end }}");
        assertEquals("hi you!", t.execute("you"));
        // an error inside the definition reports the file it came from
        t.addDefinitions("bad.tmpl", "{{ define \"greet\" }}\n{{ .X }}{{ end }}");
        TemplateExecutionException e = assertThrows(TemplateExecutionException.class, () -> t.execute("you"));
        assertEquals("template: bad.tmpl:2:3: executing \"greet\" at <.X>: can't evaluate field X in type string",
                e.getMessage());
    }

    @Test
    void copiesAreIndependent() throws TemplateException {
        TemplateSet base = new TemplateSet(FunctionSet.builtinsOnly()).parse("lib", "{{ define \"a\" }}A{{ end }}");
        assertEquals("A-", base.executeText("{{ template \"a\" }}-", null));
        assertEquals(false, base.has(""));
    }

    @Test
    void customFunctionsAndCall() throws TemplateException {
        TemplateFunction twice = TemplateFunction.of("twice", a -> (Long) a[0] * 2, TemplateFunction.Arg.INT);
        FunctionSet fs = FunctionSet.builtinsOnly().with(twice);
        assertEquals("42 42", Template.parse("t", "{{ twice 21 }} {{ call .F 21 }}", fs).execute(Map.of("F", twice)));
        TemplateExecutionException e = assertThrows(TemplateExecutionException.class,
                () -> Template.parse("t", "{{ twice \"x\" }}", fs).execute(null));
        assertEquals("template: t:1:9: executing \"t\" at <\"x\">: expected integer; found \"x\"", e.getMessage());
    }

    @Test
    void withFunctionsSwapsBodies() throws TemplateException {
        FunctionSet a = FunctionSet.builtinsOnly().with(TemplateFunction.of("v", x -> "a"));
        FunctionSet b = FunctionSet.builtinsOnly().with(TemplateFunction.of("v", x -> "b"));
        Template t = Template.parse("t", "{{ v }}", a);
        assertEquals("a", t.execute(null));
        assertEquals("b", t.set().withFunctions(b).template("t").execute(null));
    }

    @Test
    void htmlModeEscapesByContext() throws TemplateException {
        Template t = Template.parse("t", "<a href=\"/q?x={{ . }}\" title={{ . }}>{{ . }}</a><script>var s = {{ . }};</script>",
                FunctionSet.alertmanager());
        assertEquals("<a href=\"/q?x=a%26b%20%3c\" title=a&amp;b&#32;&lt;>a&amp;b &lt;</a><script>var s = \"a\\u0026b \\u003c\";</script>",
                t.executeHtml("a&b <"));
    }

    @Test
    void htmlModeMergesTrailingPredefinedEscaper() throws TemplateException {
        // Go rewrites {{x | html}} in a URL attribute to urlfilter | urlnormalizer | html
        Template t = Template.parse("t", "<a href=\"{{ . | html }}\">{{ html . \"&\" }}</a>", FunctionSet.builtinsOnly());
        assertEquals("<a href=\"x%27y\">x&#39;y&amp;</a>", t.executeHtml("x'y"));
        assertEquals("&lt;nil&gt;", Template.parse("t", "{{ .nope | html }}", FunctionSet.builtinsOnly()).execute(Map.of()));
    }

    @Test
    void htmlModeIsStableAcrossExecutions() throws TemplateException {
        Template t = Template.parse("t", "{{ range . }}<b title=\"{{ . }}\">{{ . }}</b><!-- c -->{{ end }}",
                FunctionSet.builtinsOnly());
        String first = t.executeHtml(List.of("a<", "b\""));
        assertEquals("<b title=\"a&lt;\">a&lt;</b><b title=\"b&#34;\">b&#34;</b>", first);
        assertEquals(first, t.executeHtml(List.of("a<", "b\"")));
    }

    @Test
    void concurrentExecutionIsSafe() throws Exception {
        Template t = Template.parse("t", "{{ range $i, $v := . }}{{ $v | printf \"%03d\" }}{{ end }}",
                FunctionSet.builtinsOnly());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                long n = i;
                futures.add(pool.submit(() -> t.execute(List.of(n, n + 1))));
            }
            for (int i = 0; i < 64; i++) {
                assertEquals(String.format("%03d%03d", i, i + 1), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deepRecursionIsAnErrorNotACrash() throws TemplateException {
        Template t = Template.parse("t", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}",
                FunctionSet.builtinsOnly());
        TemplateExecutionException e = assertThrows(TemplateExecutionException.class, () -> t.execute(null));
        assertEquals(true, e.getMessage().contains("exceeded maximum template depth"));
    }
}
