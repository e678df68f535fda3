package dev.pharos.alertmanager.notify;

/**
 * Renders a receiver setting (a Go template text such as {@code {{ template "slack.default.title" . }}})
 * against a notification. The lead wires this to the template engine; texts without
 * {@code {{} are returned unchanged by {@link #render}'s callers without calling it.
 */
@FunctionalInterface
public interface MessageRenderer {

    String render(String template, NotificationData data) throws RenderException;

    /**
     * Renders an HTML setting (the e-mail's {@code html}) the way the original's html/template
     * does: values are escaped for the HTML, attribute, URL, JS or CSS context they land in, and
     * {@code safeHtml} marks trusted markup. Renderers without an HTML mode fall back to text.
     */
    default String renderHtml(String template, NotificationData data) throws RenderException {
        return render(template, data);
    }

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

    /**
     * Renders with {@code r} in HTML mode. Unlike {@link #apply} it always calls the renderer,
     * because html/template also rewrites plain template text (it strips HTML comments).
     */
    static String applyHtml(MessageRenderer r, String template, NotificationData data) throws RenderException {
        if (template == null || template.isEmpty()) {
            return "";
        }
        return r.renderHtml(template, data);
    }
}
