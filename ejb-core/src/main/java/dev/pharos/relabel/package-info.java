/**
 * Relabeling as Prometheus's {@code model/relabel}: rules ({@link dev.pharos.relabel.RelabelConfig},
 * validated with Prometheus 3's messages and name validation schemes), their application
 * ({@link dev.pharos.relabel.Relabeler}), and RE2-syntax regular expressions compiled to Java
 * with Go's {@code Expand} semantics for replacements ({@link dev.pharos.model.GoRegex}).
 * Used by target relabeling, metric relabeling, alert relabeling and remote write.
 */
package dev.pharos.relabel;
