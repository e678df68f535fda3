package dev.pharos.alertmanager.notify;

/**
 * Renders a receiver setting (a Go template text such as {@code {{ template "slack.default.title" . }}})
 * against a notification. The lead wires this to the template engine; texts without
 * {@code {{} are returned unchanged by {@link #render}'s callers without calling it.
 */
@FunctionalInterface
public interface MessageRenderer {

    String render(String template, NotificationData data) throws RenderException;

    /** A template that failed to render; the notification fails with this message, not retried. */
    final class RenderException extends Exception {
        public RenderException(String message) {
            super(message);
        }
    }

    /** Renders with {@code r}, skipping the call for plain text. */
    static String apply(MessageRenderer r, String template, NotificationData data) throws RenderException {
        if (template == null || template.isEmpty()) {
            return "";
        }
        if (!template.contains("{{")) {
            return template;
        }
        return r.render(template, data);
    }
}
