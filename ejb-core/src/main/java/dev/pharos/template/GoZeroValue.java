package dev.pharos.template;

/**
 * Implemented by maps whose element zero value is not the empty string (e.g. Go's
 * map[string]interface{} whose zero is nil); used for missing keys under missingkey=zero and by index.
 */
public interface GoZeroValue {
    Object goZeroValue();
}
