package dev.pharos.template;

import java.util.List;

/**
 * A struct-like data value: named fields in declaration order. Records and plain getters-style
 * objects are adapted automatically; implement this for full control of names and type.
 */
public interface GoStruct extends GoTyped {
    /** Returned by {@link #goField} when there is no such field. */
    Object NO_FIELD = new Object() {
        @Override
        public String toString() {
            return "<no field>";
        }
    };

    List<String> goFieldNames();

    /** The field value or {@link #NO_FIELD}. */
    Object goField(String name);

    /** True when Go would see a pointer to the struct (prints as &amp;{...}). */
    default boolean goPointer() {
        return false;
    }
}
