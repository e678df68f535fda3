package dev.pharos.template;

/** html/template.URL: a URL known to be safe; not filtered in HTML mode. */
public record SafeUrl(String url) implements GoString {
    @Override
    public String goTypeName() {
        return "template.URL";
    }

    @Override
    public String toString() {
        return url;
    }
}
