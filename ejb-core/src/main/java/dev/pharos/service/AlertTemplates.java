package dev.pharos.service;

import dev.pharos.alertmanager.notify.MessageRenderer;
import dev.pharos.alertmanager.notify.NotificationData;
import dev.pharos.template.FunctionSet;
import dev.pharos.template.GoTime;
import dev.pharos.template.TemplateException;
import dev.pharos.template.TemplateSet;
import dev.pharos.template.alertdata.Alert;
import dev.pharos.template.alertdata.Alerts;
import dev.pharos.template.alertdata.Data;
import dev.pharos.template.alertdata.KV;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The notification templates of one Alertmanager configuration: Pharos's defaults, then the
 * files of {@code templates:} (glob patterns, as in the original; later definitions win), as
 * a {@link MessageRenderer} for the engine.
 */
public final class AlertTemplates implements MessageRenderer {

    private static final String DEFAULTS = "alertmanager-default.tmpl";

    private final TemplateSet set;

    private AlertTemplates(TemplateSet set) {
        this.set = set;
    }

    /** Defaults plus the files matching the given patterns; throws with the file and reason on error. */
    public static AlertTemplates load(List<String> patterns) throws TemplateException, IOException {
        TemplateSet set = new TemplateSet(FunctionSet.alertmanager(), TemplateSet.MissingKey.ZERO);
        set.parse(DEFAULTS, defaultText());
        for (String pattern : patterns) {
            for (Path file : glob(pattern)) {
                set.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return new AlertTemplates(set);
    }

    public static String defaultText() {
        try (InputStream in = AlertTemplates.class.getResourceAsStream(DEFAULTS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Go's filepath.Glob on the file-name part: no match is no error. */
    static List<Path> glob(String pattern) throws IOException {
        Path p = Path.of(pattern);
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        String name = p.getFileName().toString();
        List<Path> out = new ArrayList<>();
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
            return out;
        }
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
            for (Path f : ds) {
                if (Files.isRegularFile(f)) {
                    out.add(f);
                }
            }
        }
        out.sort(null);
        return out;
    }

    public TemplateSet templates() {
        return set;
    }

    @Override
    public String render(String template, NotificationData data) throws RenderException {
        try {
            return set.executeText(template, data(data));
        } catch (TemplateException e) {
            throw new RenderException(e.getMessage());
        }
    }

    /** html/template semantics: contextual escaping of values, {@code safeHtml} passes markup through. */
    @Override
    public String renderHtml(String template, NotificationData data) throws RenderException {
        try {
            return set.executeHtmlText(template, data(data));
        } catch (TemplateException e) {
            throw new RenderException(e.getMessage());
        }
    }

    /** The engine's notification as the template engine's Alertmanager data model. */
    public static Data data(NotificationData n) {
        Alerts alerts = new Alerts();
        for (NotificationData.AlertData a : n.alerts()) {
            alerts.add(new Alert(a.status(), new KV(a.labels()), new KV(a.annotations()), time(a.startsAt()),
                    time(a.endsAt()), a.generatorURL() == null ? "" : a.generatorURL(),
                    a.fingerprint() == null ? "" : a.fingerprint()));
        }
        return new Data(n.receiver(), n.status(), alerts, new KV(n.groupLabels()), new KV(n.commonLabels()),
                new KV(n.commonAnnotations()), n.externalURL() == null ? "" : n.externalURL());
    }

    private static GoTime time(Instant t) {
        return t == null ? GoTime.ZERO : GoTime.utc(t);
    }
}
