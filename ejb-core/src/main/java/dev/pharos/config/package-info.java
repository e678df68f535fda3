/**
 * {@code prometheus.yml}: the immutable model ({@link dev.pharos.config.PrometheusConfig} and
 * its parts), loading and validation as Prometheus 3 does it ({@link dev.pharos.config.ConfigLoader},
 * errors as {@link dev.pharos.config.ConfigException} with file, line and field), and the
 * status-page writer that masks secrets ({@link dev.pharos.config.ConfigYamlWriter}).
 *
 * <p>YAML is read with SnakeYAML's composer ({@link dev.pharos.config.YamlNode}) so every value
 * keeps its line; conversions follow Go's yaml.v2 in strict mode. Only static and file service
 * discovery are implemented; other mechanisms make the load fail with
 * {@link dev.pharos.config.UnsupportedConfigException} ("unsupported: consul_sd_configs"), unless
 * the file has a real error, which is reported instead.
 */
package dev.pharos.config;
