package dev.pharos.rules;

import dev.pharos.promql.Sample;
import java.util.List;

/**
 * Runs a rule's expression at one time, as Prometheus's EngineQueryFunc: a scalar becomes one
 * sample with no labels; any other non-vector result is an error
 * ("rule result is not a vector or scalar").
 */
@FunctionalInterface
public interface RuleQuery {
    List<Sample> query(String expr, long timeMillis) throws Exception;
}
