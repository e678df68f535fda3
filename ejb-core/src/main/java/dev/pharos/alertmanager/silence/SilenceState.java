package dev.pharos.alertmanager.silence;

/** The API's silence states. */
public enum SilenceState {
    PENDING("pending"), ACTIVE("active"), EXPIRED("expired");

    private final String apiName;

    SilenceState(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
