package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint belongs to one role (ARCHITECTURE.md's security model): walks every JAX-RS
 * resource and servlet of the three WARs and fails for one that declares none, so enforcing
 * roles stays a matter of configuration. Health servlets are open on purpose.
 */
class EndpointRolesIT {

    private static final String[] MODULES = {"web-api", "pushgateway-war", "alertmanager-war"};
    /** Open by design: probes without credentials. */
    private static final Set<String> OPEN = Set.of(
            "dev.pharos.web.HealthServlet",
            "dev.pharos.pushgateway.web.HealthServlet",
            "dev.pharos.alertmanager.web.HealthServlet");

    @Test
    void everyResourceAndServletDeclaresARole() throws Exception {
        List<String> missing = new ArrayList<>();
        Map<String, Class<?>> endpoints = endpointClasses();
        for (Map.Entry<String, Class<?>> e : endpoints.entrySet()) {
            String name = e.getKey();
            Class<?> c = e.getValue();
            if (c.isAnnotationPresent(WebServlet.class)) {
                if (!OPEN.contains(name) && !c.isAnnotationPresent(ServletSecurity.class)) {
                    missing.add(name + " (servlet without @ServletSecurity)");
                }
            } else {
                boolean classRole = c.isAnnotationPresent(RolesAllowed.class) || c.isAnnotationPresent(PermitAll.class);
                for (Method m : c.getDeclaredMethods()) {
                    if (isResourceMethod(m) && !classRole && !m.isAnnotationPresent(RolesAllowed.class)
                            && !m.isAnnotationPresent(PermitAll.class)) {
                        missing.add(name + "." + m.getName() + " (resource method without a role)");
                    }
                }
            }
        }
        assertTrue(endpoints.size() >= 20, "walked " + endpoints.size() + " endpoint classes");
        assertTrue(missing.isEmpty(), "endpoints without a role: " + missing);
    }

    /**
     * Every servlet and JAX-RS resource class of the three WARs, by name (loaded from their
     * built classes, without initialising them). SecurityIT checks its role matrix covers them.
     */
    static Map<String, Class<?>> endpointClasses() throws Exception {
        List<URL> roots = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (String m : MODULES) {
            java.nio.file.Path dir = Paths.get("..", m, "target", "classes").toAbsolutePath().normalize();
            assertTrue(Files.isDirectory(dir), "built classes of " + m + " at " + dir);
            roots.add(dir.toUri().toURL());
            try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                        .forEach(f -> classes.add(dir.relativize(f).toString()
                                .replace('/', '.').replaceAll("\\.class$", "")));
            }
        }
        Map<String, Class<?>> endpoints = new TreeMap<>();
        // Not closed: the classes stay usable for the caller's annotation checks.
        URLClassLoader cl = new URLClassLoader(roots.toArray(new URL[0]), EndpointRolesIT.class.getClassLoader());
        for (String name : classes) {
            Class<?> c = Class.forName(name, false, cl);
            if (c.isAnnotationPresent(WebServlet.class) || c.isAnnotationPresent(Path.class) || hasResourceMethods(c)) {
                endpoints.put(name, c);
            }
        }
        return endpoints;
    }

    private static boolean hasResourceMethods(Class<?> c) {
        for (Method m : c.getDeclaredMethods()) {
            if (isResourceMethod(m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isResourceMethod(Method m) {
        return m.isAnnotationPresent(GET.class) || m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(PUT.class)
                || m.isAnnotationPresent(DELETE.class) || m.isAnnotationPresent(HEAD.class)
                || (m.isAnnotationPresent(Path.class));
    }
}
