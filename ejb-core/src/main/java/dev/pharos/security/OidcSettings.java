package dev.pharos.security;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An OpenID Connect provider whose access or ID tokens (JWTs) Pharos accepts as bearer tokens
 * (PHAROS_OIDC_* settings).
 *
 * @param issuer      the provider's issuer URL; its discovery document names the keys
 * @param audience    the audience tokens must be for (the client id), or null for any
 * @param userClaim   the claim naming the user ({@code preferred_username}, falling back to {@code sub})
 * @param groupsClaim the claim listing the user's groups ({@code groups})
 * @param groupRoles  group to roles
 * @param clientId    Pharos's client id for browser login (authorization code flow), or null
 * @param clientSecret its secret (null for a public client)
 */
public record OidcSettings(String issuer, String audience, String userClaim, String groupsClaim,
        Map<String, Set<String>> groupRoles, String clientId, String clientSecret) {

    /** The same provider, checking ID tokens of the browser login: audience is the client id. */
    public OidcSettings forIdTokens() {
        return new OidcSettings(issuer, clientId, userClaim, groupsClaim, groupRoles, clientId, clientSecret);
    }

    public static OidcSettings from(Function<String, String> get) throws SecurityConfigException {
        String issuer = LdapSettings.blankToNull(get.apply("pharos.oidc.issuer"));
        if (issuer == null) {
            return null;
        }
        if (!issuer.startsWith("https://") && !issuer.startsWith("http://")) {
            throw new SecurityConfigException("PHAROS_OIDC_ISSUER \"" + issuer + "\": expected an https:// URL");
        }
        return new OidcSettings(issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer,
                LdapSettings.blankToNull(get.apply("pharos.oidc.audience")),
                LdapSettings.orDefault(get.apply("pharos.oidc.user.claim"), "preferred_username"),
                LdapSettings.orDefault(get.apply("pharos.oidc.groups.claim"), "groups"),
                GroupRoles.parse(get.apply("pharos.oidc.group.roles"), "PHAROS_OIDC_GROUP_ROLES"),
                LdapSettings.blankToNull(get.apply("pharos.oidc.client.id")),
                LdapSettings.blankToNull(get.apply("pharos.oidc.client.secret")));
    }
}
