package dev.pharos.template;

/** html/template.HTML: text known to be safe HTML; not escaped in HTML mode. */
public record SafeHtml(String html) implements GoString {
    @Override
    public String goTypeName() {
        return "template.HTML";
    }

    @Override
    public String toString() {
        return html;
    }
}
