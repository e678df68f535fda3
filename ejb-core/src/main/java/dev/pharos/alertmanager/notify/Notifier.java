package dev.pharos.alertmanager.notify;

import java.util.List;

/** Sends one notification for a group to one integration (one attempt; retries are the caller's). */
public interface Notifier {

    NotifyResult notify(NotificationData data, List<dev.pharos.alertmanager.Alert> alerts);
}
