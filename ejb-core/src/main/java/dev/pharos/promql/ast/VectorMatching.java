package dev.pharos.promql.ast;

import java.util.ArrayList;
import java.util.List;

/** How the two sides of a vector/vector binary operation are matched. */
public final class VectorMatching {
    public enum Card { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    public Card card = Card.ONE_TO_ONE;
    public List<String> matchingLabels = new ArrayList<>();
    /** True for {@code on(...)}, false for {@code ignoring(...)} or no clause. */
    public boolean on;
    /** Whether on/ignoring was written at all (so that {@code on()} prints). */
    public boolean explicit;
    public List<String> include = new ArrayList<>();
    /** fill_left / fill_right values (Prometheus 3 experimental fill modifiers), or null. */
    public Double fillLeft;
    public Double fillRight;
}
