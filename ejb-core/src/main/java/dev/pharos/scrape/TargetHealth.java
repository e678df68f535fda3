package dev.pharos.scrape;

/** A target's health as the targets API reports it. */
public enum TargetHealth {
    UNKNOWN("unknown"), UP("up"), DOWN("down");

    private final String wireName;

    TargetHealth(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
