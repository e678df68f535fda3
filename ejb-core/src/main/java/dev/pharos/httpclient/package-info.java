/**
 * Outbound HTTP as Prometheus configures it ({@code http_config}): TLS (CA, client
 * certificate, server name, insecure_skip_verify, minimum version), basic auth,
 * authorization headers, OAuth2 client credentials, proxy, redirects. Used by scraping,
 * the notifier and remote write/read alike, so every outbound call is secured the same way.
 */
package dev.pharos.httpclient;
