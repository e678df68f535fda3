package dev.pharos.alertmanager.notify;

/** Renders many settings of one notification, remembering the first failure (like the original's tmplText). */
final class Tmpl {

    private final MessageRenderer renderer;
    private final NotificationData data;
    private String error;

    Tmpl(MessageRenderer renderer, NotificationData data) {
        this.renderer = renderer;
        this.data = data;
    }

    NotificationData data() {
        return data;
    }

    String t(String template) {
        if (error != null) {
            return "";
        }
        try {
            return MessageRenderer.apply(renderer, template, data);
        } catch (MessageRenderer.RenderException e) {
            error = e.getMessage();
            return "";
        }
    }

    /** Like {@link #t} with html/template escaping (the e-mail HTML body, as the original's tmplHTML). */
    String h(String template) {
        if (error != null) {
            return "";
        }
        try {
            return MessageRenderer.applyHtml(renderer, template, data);
        } catch (MessageRenderer.RenderException e) {
            error = e.getMessage();
            return "";
        }
    }

    /** Non-null when a template failed. */
    String error() {
        return error;
    }
}
