package dev.pharos.web.api;

/** The roles of ARCHITECTURE.md's security model, as used in @RolesAllowed. */
public final class Roles {
    public static final String READER = "reader";
    public static final String PUSHER = "pusher";
    public static final String ALERT_SENDER = "alert-sender";
    public static final String SILENCER = "silencer";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
