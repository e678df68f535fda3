package dev.pharos.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A set of named templates sharing one function set, like a Go *template.Template with its
 * associated templates: {{define}}d and {{block}} templates from any parsed text can be
 * invoked with {{template "name"}} from any other. Parsing is synchronized and copy-on-write;
 * execution is lock-free and thread-safe (each call gets its own state).
 */
public final class TemplateSet {

    /** Go's Option("missingkey=..."): what a missing map key yields. */
    public enum MissingKey {
        /** "&lt;no value&gt;" when printed (Go's default). */
        DEFAULT,
        /** The map element's zero value ("" for string maps); Prometheus and Alertmanager use this. */
        ZERO,
        /** An execution error. */
        ERROR
    }

    private final FunctionSet functions;
    private final MissingKey missingKey;
    private volatile Map<String, Tree> trees;

    public TemplateSet(FunctionSet functions) {
        this(functions, MissingKey.DEFAULT);
    }

    public TemplateSet(FunctionSet functions, MissingKey missingKey) {
        this(functions, missingKey, Collections.emptyMap());
    }

    private TemplateSet(FunctionSet functions, MissingKey missingKey, Map<String, Tree> trees) {
        this.functions = functions;
        this.missingKey = missingKey;
        this.trees = trees;
    }

    public FunctionSet functions() {
        return functions;
    }

    public MissingKey missingKey() {
        return missingKey;
    }

    /**
     * Parses text as the template {@code name} (also the name used in error locations) and adds
     * it and every template it defines. A later non-empty definition replaces an earlier one;
     * an empty one never replaces a non-empty one (Go's rule).
     */
    public synchronized TemplateSet parse(String name, String text) throws TemplateParseException {
        Map<String, Tree> parsed = Parser.parse(name, text, fn -> functions.has(fn) || Builtins.has(fn));
        Map<String, Tree> next = new LinkedHashMap<>(trees);
        for (Tree t : parsed.values()) {
            Tree old = next.get(t.name);
            if (old != null && t.isEmpty() && !old.isEmpty()) {
                continue;
            }
            next.put(t.name, t);
        }
        trees = Collections.unmodifiableMap(next);
        return this;
    }

    /** An independent copy (Go's Clone): later parses into either do not affect the other. */
    public TemplateSet copy() {
        return new TemplateSet(functions, missingKey, trees);
    }

    /**
     * The same templates with other function bodies, e.g. a query function bound to one rule
     * evaluation. Every function name the templates use must exist in {@code other}.
     */
    public TemplateSet withFunctions(FunctionSet other) {
        return new TemplateSet(other, missingKey, trees);
    }

    public Set<String> names() {
        return trees.keySet();
    }

    public boolean has(String name) {
        return trees.containsKey(name);
    }

    /** A handle on one template of this set, or null. */
    public Template template(String name) {
        return trees.containsKey(name) ? new Template(this, name) : null;
    }

    Tree lookup(String name) {
        return trees.get(name);
    }

    /** Executes the named template with text/template semantics. */
    public String execute(String name, Object data) throws TemplateExecutionException {
        StringBuilder out = new StringBuilder();
        execute(name, data, out, false);
        return out.toString();
    }

    /** Executes the named template with html/template-style contextual escaping of action output. */
    public String executeHtml(String name, Object data) throws TemplateExecutionException {
        StringBuilder out = new StringBuilder();
        execute(name, data, out, true);
        return out.toString();
    }

    void execute(String name, Object data, StringBuilder out, boolean html) throws TemplateExecutionException {
        Tree t = trees.get(name);
        if (t == null) {
            throw new TemplateExecutionException("template: no template " + GoFmt.quote(name)
                    + " associated with template " + GoFmt.quote(name));
        }
        if (t.root == null) {
            throw new TemplateExecutionException("template: " + GoFmt.quote(name) + " is an incomplete or empty template");
        }
        HtmlEscaper escaper = html ? new HtmlEscaper() : null;
        try {
            new Executor(this, t, out, escaper).run(data);
        } catch (Executor.ExecError e) {
            throw new TemplateExecutionException(e.getMessage(), e.getCause());
        }
    }

    /**
     * Alertmanager's way to render a configured template string: parse {@code text} as template ""
     * in a copy of this set (so it can use every definition) and execute it.
     */
    public String executeText(String text, Object data) throws TemplateException {
        TemplateSet s = copy();
        s.parse("", text);
        return s.execute("", data);
    }

    /** Like {@link #executeText} with html/template escaping (Alertmanager's email HTML bodies). */
    public String executeHtmlText(String text, Object data) throws TemplateException {
        TemplateSet s = copy();
        s.parse("", text);
        return s.executeHtml("", data);
    }
}
