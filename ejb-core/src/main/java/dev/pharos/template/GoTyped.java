package dev.pharos.template;

/** A data value that tells templates its Go type name (used by %T and in error messages). */
public interface GoTyped {
    String goTypeName();
}
