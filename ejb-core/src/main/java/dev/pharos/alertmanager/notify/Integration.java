package dev.pharos.alertmanager.notify;

/** One configured integration of a receiver: its name (webhook, slack, ...), index and notifier. */
public record Integration(String receiver, String name, int index, boolean sendResolved, Notifier notifier) {
}
