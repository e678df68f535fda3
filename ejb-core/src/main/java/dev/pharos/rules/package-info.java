/**
 * Recording and alerting rules as Prometheus evaluates them.
 *
 * <p>{@link dev.pharos.rules.RuleFileParser} reads and validates rule files (rulefmt);
 * {@link dev.pharos.rules.RuleManager} turns them into {@link dev.pharos.rules.RuleGroup}s,
 * carrying state across reloads. A group evaluates its rules in order at aligned timestamps
 * ({@link dev.pharos.rules.RuleGroup#tick(long)}, stable offset per group, missed iterations
 * counted), writes recording results and ALERTS/ALERTS_FOR_STATE with staleness markers, and
 * hands alerts that need sending to a notify function. {@link dev.pharos.rules.AlertingRule}
 * holds the pending/firing/inactive state machine with {@code for}, {@code keep_firing_for}
 * and 15 minutes of resolved retention; templates come from {@code dev.pharos.template}.
 * Scheduling and wiring live in {@code dev.pharos.service.RuleService}.
 */
package dev.pharos.rules;
