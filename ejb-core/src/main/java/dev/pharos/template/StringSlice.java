package dev.pharos.template;

import java.util.ArrayList;
import java.util.Collection;

/** Go's []string. */
public final class StringSlice extends ArrayList<String> implements GoTyped {
    private static final long serialVersionUID = 1L;

    public StringSlice() {
    }

    public StringSlice(Collection<String> c) {
        super(c);
    }

    @Override
    public String goTypeName() {
        return "[]string";
    }
}
