package dev.pharos.template;

/** A value with a String() method in Go (time.Time, time.Duration): %v prints {@link #goString()}. */
public interface GoStringer extends GoTyped {
    String goString();
}
