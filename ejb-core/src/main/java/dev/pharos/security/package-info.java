/**
 * Who may do what: the users Pharos knows (from {@code PHAROS_USERS}, a Prometheus-style
 * {@code web.config.file} and the generated first-start admin), their password hashes and
 * their roles, and the verification of OpenID Connect bearer tokens.
 *
 * <p>Plain Java: the Jakarta Security glue (authentication mechanism, identity store) lives
 * in {@code dev.pharos.service} and only asks a {@link dev.pharos.security.UserDirectory}.
 */
package dev.pharos.security;
