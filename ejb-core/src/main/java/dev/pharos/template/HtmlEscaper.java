package dev.pharos.template;

/** Placeholder for html/template escaping; replaced below. */
final class HtmlEscaper {
    HtmlEscaper(Tree t) {
    }

    String text(Node n, String text) {
        return text;
    }

    String action(Node n, Object v) {
        return v instanceof SafeHtml ? v.toString() : Builtins.htmlEscape(v == null ? "" : GoFmt.valueString(v));
    }

    void enterTemplate(Tree t) {
    }

    void leaveTemplate() {
    }

    void finish(StringBuilder out) {
    }
}
