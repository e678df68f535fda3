package dev.pharos.template;

import java.util.List;

/**
 * Runs a PromQL instant query for the {@code query} template function (supplied by the rule
 * engine). Return the vector's samples; throw to make the template fail with
 * "error calling query: MESSAGE" (e.g. a parse error, or "rule result is not a vector or scalar").
 */
@FunctionalInterface
public interface QueryFunction {
    List<QuerySample> query(String expr) throws Exception;
}
