package dev.pharos.template;

/**
 * A named string type (Go kind string), e.g. html/template's HTML: compares and prints like a
 * string but keeps its own type. {@link #toString()} returns the string value.
 */
public interface GoString extends GoTyped {
}
