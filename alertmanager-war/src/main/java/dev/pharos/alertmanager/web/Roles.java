package dev.pharos.alertmanager.web;

/** The roles of the security model (as web-api's Roles), as used in @RolesAllowed on :9093. */
public final class Roles {
    public static final String READER = "reader";
    public static final String ALERT_SENDER = "alert-sender";
    public static final String SILENCER = "silencer";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
