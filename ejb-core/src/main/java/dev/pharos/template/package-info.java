/**
 * A Go text/template-compatible template engine (plus html/template-style escaping) for
 * Prometheus alerting-rule labels/annotations and Alertmanager notification templates.
 *
 * <h2>Use</h2>
 * <pre>
 * // parse once (thread-safe to execute concurrently), execute many times
 * Template t = Template.parse("name", "{{ .Status | toUpper }}", FunctionSet.alertmanager());
 * String out = t.execute(data);
 *
 * // several texts sharing {{define}}s: a TemplateSet
 * TemplateSet set = new TemplateSet(FunctionSet.alertmanager(), TemplateSet.MissingKey.ZERO)
 *         .parse("default.tmpl", defaultTmplText);
 * String subject = set.executeText("{{ template \"__subject\" . }}", alertmanagerData); // as Alertmanager does
 * String html = set.executeHtmlText("&lt;p&gt;{{ .CommonAnnotations.summary }}&lt;/p&gt;", alertmanagerData);
 *
 * // Prometheus rule templates: errors are rendered in place, never thrown
 * String annotation = PrometheusTemplates.expandAlertField(ruleName, text,
 *         new PrometheusTemplates.AlertData(labels, externalLabels, externalURL, value),
 *         FunctionSet.prometheus(queryFunction, externalURL));
 * </pre>
 *
 * <h2>Data</h2>
 * Templates see Java values with Go semantics: String, Long/Integer (Go int), Double (float64),
 * Boolean, java.util.List (slices), java.util.Map and {@link dev.pharos.model.Labels} (maps,
 * ranged in sorted key order), records and getter-style objects (structs; fields by capitalised
 * name), and the Go-shaped types of this package: {@link dev.pharos.template.GoStruct},
 * {@link dev.pharos.template.GoMethods} (methods such as {@code .Alerts.Firing}),
 * {@link dev.pharos.template.GoTime}, {@link dev.pharos.template.GoDuration},
 * {@link dev.pharos.template.SafeHtml}. The Alertmanager data model is in
 * {@link dev.pharos.template.alertdata}.
 *
 * <h2>Fidelity</h2>
 * Output and error texts follow Go 1.19 (the version of the conformance goldens): printing
 * rules of fmt (%v of maps, floats, nil), printf verbs/flags/width/precision, parse errors
 * {@code template: NAME:LINE: ...} and execution errors
 * {@code template: NAME:LINE:COL: executing "NAME" at <NODE>: ...} (column in UTF-8 bytes).
 *
 * <h2>Known differences</h2>
 * <ul>
 * <li>Go 1.19 language: no range over integers, no {{else with}} (both later Go versions).</li>
 * <li>Regular expressions use java.util.regex: RE2 syntax mostly carries over ((?P&lt;name&gt;) is
 * translated); constructs only one side supports differ; common syntax errors keep Go's wording.</li>
 * <li>HTML mode tracks the context along the executed path instead of escaping the tree
 * statically; Go's escape-time errors (ambiguous URL context, template ending inside a tag or
 * attribute, actions inside JS template literals) are not raised (such actions print nothing).</li>
 * <li>Strings are Java strings: len/index/slice count UTF-8 bytes like Go, but invalid UTF-8
 * cannot be represented.</li>
 * </ul>
 */
package dev.pharos.template;
