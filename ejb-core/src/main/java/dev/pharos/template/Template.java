package dev.pharos.template;

/**
 * A parsed template: parse once, execute many times, concurrently. It belongs to a
 * {@link TemplateSet}, through which it can call other templates ({{template "x"}}).
 *
 * <pre>
 * Template t = Template.parse("greeting", "Hello {{ .Name }}", FunctionSet.alertmanager());
 * String s = t.execute(Map.of("Name", "ops"));
 * </pre>
 */
public final class Template {
    private final TemplateSet set;
    private final String name;

    Template(TemplateSet set, String name) {
        this.set = set;
        this.name = name;
    }

    /** Parses a template in a new set with Go's default missingkey behaviour. */
    public static Template parse(String name, String text, FunctionSet functions) throws TemplateParseException {
        return parse(name, text, functions, TemplateSet.MissingKey.DEFAULT);
    }

    public static Template parse(String name, String text, FunctionSet functions, TemplateSet.MissingKey missingKey)
            throws TemplateParseException {
        TemplateSet s = new TemplateSet(functions, missingKey);
        s.parse(name, text);
        return new Template(s, name);
    }

    /** Adds the {{define}}s of another text (e.g. a template file) to this template's set. */
    public Template addDefinitions(String parseName, String text) throws TemplateParseException {
        set.parse(parseName, text);
        return this;
    }

    public String name() {
        return name;
    }

    public TemplateSet set() {
        return set;
    }

    public String execute(Object data) throws TemplateExecutionException {
        return set.execute(name, data);
    }

    /** Appends the output to {@code out} (on error, partial output may have been appended). */
    public void execute(Object data, StringBuilder out) throws TemplateExecutionException {
        set.execute(name, data, out, false);
    }

    public String executeHtml(Object data) throws TemplateExecutionException {
        return set.executeHtml(name, data);
    }
}
