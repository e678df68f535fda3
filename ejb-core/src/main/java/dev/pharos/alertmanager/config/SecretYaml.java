package dev.pharos.alertmanager.config;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The configuration as YAML with every secret value replaced by {@code <secret>}, as the original shows it. */
final class SecretYaml {

    static final String TOKEN = "<secret>";

    /** Secret wherever they appear. */
    private static final Set<String> ALWAYS = Set.of("smtp_auth_password", "smtp_auth_secret", "slack_api_url",
            "slack_app_token", "opsgenie_api_key", "wechat_api_secret", "victorops_api_key", "telegram_bot_token",
            "rocketchat_token", "rocketchat_token_id", "mattermost_webhook_url", "password", "credentials",
            "bearer_token", "client_secret", "auth_password", "auth_secret", "service_key", "app_token", "api_key",
            "api_secret", "user_key", "bot_token", "webhook_url", "token", "token_id", "secret_key");

    private SecretYaml() {
    }

    static String hide(String text) {
        // Work on a fresh tree so the loader's nodes stay untouched.
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setIndent(2);
        dump.setIndicatorIndent(0);
        Yaml yaml = new Yaml(new LoaderOptions(), dump);
        Node copy = yaml.compose(new StringReader(text));
        walk(copy, "", "");
        java.io.StringWriter out = new java.io.StringWriter();
        yaml.serialize(copy, out);
        return out.toString();
    }

    private static void walk(Node n, String integration, String parentKey) {
        if (n instanceof SequenceNode s) {
            for (Node c : s.getValue()) {
                walk(c, integration, parentKey);
            }
            return;
        }
        if (!(n instanceof MappingNode m)) {
            return;
        }
        List<NodeTuple> tuples = m.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            NodeTuple t = tuples.get(i);
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
            Node v = t.getValueNode();
            if (v instanceof ScalarNode sv && !sv.getValue().isEmpty() && !Tag.NULL.equals(sv.getTag())
                    && isSecret(key, integration, parentKey)) {
                tuples.set(i, new NodeTuple(t.getKeyNode(), new ScalarNode(Tag.STR, TOKEN, sv.getStartMark(),
                        sv.getEndMark(), DumperOptions.ScalarStyle.PLAIN)));
                continue;
            }
            if (v instanceof SequenceNode sq && (key.equals("secrets") || parentKey.equals("proxy_connect_header"))) {
                // Lists of secrets: http_headers' secrets, proxy_connect_header values.
                List<Node> items = sq.getValue();
                for (int j = 0; j < items.size(); j++) {
                    if (items.get(j) instanceof ScalarNode si && !si.getValue().isEmpty()
                            && !Tag.NULL.equals(si.getTag())) {
                        items.set(j, new ScalarNode(Tag.STR, TOKEN, si.getStartMark(), si.getEndMark(),
                                DumperOptions.ScalarStyle.PLAIN));
                    }
                }
                continue;
            }
            String nextIntegration = key.endsWith("_configs") ? key : integration;
            walk(v, nextIntegration, key);
        }
    }

    private static boolean isSecret(String key, String integration, String parentKey) {
        if (key.equals("key")) {
            return parentKey.equals("tls_config") || parentKey.equals("smtp_tls_config");
        }
        if (key.equals("secrets")) {
            return true;
        }
        if (parentKey.equals("http_headers")) {
            return false;
        }
        return switch (key) {
            case "routing_key" -> integration.equals("pagerduty_configs");
            case "api_url" -> integration.equals("slack_configs");
            case "url" -> integration.equals("webhook_configs");
            default -> ALWAYS.contains(key);
        };
    }
}
