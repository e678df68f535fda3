package dev.pharos.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("web.yml"), yaml);
    }

    @Test
    void readsPrometheusStyleFile() throws Exception {
        String hash = BCrypt.withDefaults().hashToString(4, "test".toCharArray());
        WebConfigFile f = WebConfigFile.load(write("""
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                http_server_config:
                  headers:
                    X-Frame-Options: deny
                basic_auth_users:
                  alice: %s
                """.formatted(hash)));
        assertEquals(1, f.users().size());
        User alice = f.users().get(0);
        assertEquals(Role.ALL_NAMES, alice.roles(), "Prometheus has no roles: a user may do everything");
        assertTrue(alice.password().matches("test"));
        assertEquals("deny", f.headers().get("X-Frame-Options"));
        assertEquals("server.crt", f.tlsServerConfig().get("cert_file"));
    }

    @Test
    void emptyFileIsValid() throws Exception {
        assertTrue(WebConfigFile.load(write("")).users().isEmpty());
    }

    @Test
    void plainPasswordsAreRefused() throws Exception {
        Path p = write("basic_auth_users:\n  alice: test\n");
        SecurityConfigException e = assertThrows(SecurityConfigException.class, () -> WebConfigFile.load(p));
        assertEquals(p + ": basic_auth_users.alice: not a bcrypt hash (expected $2a$, $2b$ or $2y$ followed by the cost)",
                e.getMessage());
    }

    @Test
    void unknownFieldsAreRefused() throws Exception {
        Path p = write("basic_auth_user:\n  alice: x\n");
        SecurityConfigException e = assertThrows(SecurityConfigException.class, () -> WebConfigFile.load(p));
        assertEquals(p + ": field basic_auth_user not found in type web.Config", e.getMessage());
    }

    @Test
    void onlyTheDocumentedHeadersMayBeSet() throws Exception {
        Path p = write("http_server_config:\n  headers:\n    Server: pharos\n");
        SecurityConfigException e = assertThrows(SecurityConfigException.class, () -> WebConfigFile.load(p));
        assertTrue(e.getMessage().contains("header Server may not be set"), e.getMessage());
    }

    @Test
    void missingFileSaysSo() {
        SecurityConfigException e = assertThrows(SecurityConfigException.class,
                () -> WebConfigFile.load(dir.resolve("nope.yml")));
        assertTrue(e.getMessage().startsWith("web config file " + dir.resolve("nope.yml") + ": cannot read"), e.getMessage());
    }
}
