package dev.pharos.rules;

import dev.pharos.model.Labels;

/** What every rule evaluation of a manager shares: the query function, external labels and URL. */
public record EvalContext(RuleQuery query, Labels externalLabels, String externalURL) {
}
